package org.offerdesk.app.finance.internal;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.Cursor;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The finance API: feed syncs, invoices, payouts with their lines, the exceptions queue and totals. */
@RestController
@RequestMapping("/api/v1/finance")
@Tag(name = "Finance")
class FinanceApi {

  record SyncAccepted(UUID syncId) {}

  private final FinanceSyncs syncs;
  private final SyncStore syncStore;
  private final LedgerQueries ledger;
  private final ExceptionStore exceptions;
  private final ExceptionResolution resolution;
  private final FinanceSummary summary;
  private final LedgerCsv csv;
  private final Clock clock;
  /** The tables' reads: one read-only transaction (one pool checkout) per request. */
  private final TransactionTemplate readOnly;

  FinanceApi(FinanceSyncs syncs, SyncStore syncStore, LedgerQueries ledger, ExceptionStore exceptions,
      ExceptionResolution resolution, FinanceSummary summary, LedgerCsv csv, Clock clock,
      PlatformTransactionManager transactions) {
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.syncs = syncs;
    this.syncStore = syncStore;
    this.ledger = ledger;
    this.exceptions = exceptions;
    this.resolution = resolution;
    this.summary = summary;
    this.csv = csv;
    this.clock = clock;
  }

  @PostMapping("/sync")
  @PreAuthorize("hasAuthority('FINANCE_EDIT')")
  @ResponseStatus(HttpStatus.ACCEPTED)
  SyncAccepted sync(@AuthenticationPrincipal Caller caller, @RequestBody(required = false) Map<String, Object> ignored) {
    return new SyncAccepted(syncs.request(caller.organizationId()));
  }

  @GetMapping("/syncs/{id}")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  SyncStore.Sync syncStatus(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return syncStore.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Sync " + id));
  }

  /** Invoices, newest first: filters {@code orderId}, {@code agreementId}, {@code status}, {@code variant}, {@code q}. */
  @GetMapping("/invoices")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  CursorPage<InvoiceView> invoices(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    LedgerQueries.InvoiceFilter filter = LedgerQueries.InvoiceFilter.of(p);
    var page = p.page(LedgerQueries.NEWEST_INVOICES, CursorPage.DEFAULT_LIMIT);
    return readOnly.execute(s -> ledger.invoices(caller.organizationId(), filter).page(page));
  }

  @GetMapping(value = "/invoices/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  ResponseEntity<String> invoicesCsv(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    return csv.invoices(caller.organizationId(), TableParams.strict(params));
  }

  @GetMapping("/payouts")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  CursorPage<PayoutView> payouts(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    var query = ledger.payouts(caller.organizationId(), p);
    var page = p.page(LedgerQueries.NEWEST_PAYOUTS, CursorPage.DEFAULT_LIMIT);
    return readOnly.execute(s -> query.page(page));
  }

  @GetMapping(value = "/payouts/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  ResponseEntity<String> payoutsCsv(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    return csv.payouts(caller.organizationId(), TableParams.strict(params));
  }

  /**
   * A payout with a page of its lines ({@code limit}, default and most {@value CursorPage#MAX_LIMIT}); the next
   * page with {@code cursor} = the answer's {@code linesNextCursor}.
   */
  @GetMapping("/payouts/{id}")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  PayoutView payout(@AuthenticationPrincipal Caller caller, @PathVariable String id,
      @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
    Cursor after = Cursor.decode(cursor, LedgerQueries.LINES_ORDER);
    int size = limit == null ? CursorPage.MAX_LIMIT : CursorPage.limit(limit);
    return readOnly.execute(s -> ledger.payout(caller.organizationId(), id, after, size))
        .orElseThrow(() -> new NotFound("Payout " + id));
  }

  @GetMapping("/exceptions")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  Map<String, Object> exceptions(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String status) {
    return Map.of("items", exceptions.list(caller.organizationId(), status == null ? null
        : status.strip().toUpperCase(java.util.Locale.ROOT), CursorPage.MAX_LIMIT));
  }

  @PostMapping("/exceptions/{id}/resolve")
  @PreAuthorize("hasAuthority('FINANCE_EDIT')")
  ExceptionStore.FinanceException resolve(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody ExceptionResolution.Decision decision) {
    return resolution.resolve(caller, id, decision);
  }

  /** Totals of the invoices dated in [from, to] (default: this month so far), per currency. */
  @GetMapping("/summary")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  Map<String, Object> summary(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) LocalDate from,
      @RequestParam(required = false) LocalDate to) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate start = from == null ? today.withDayOfMonth(1) : from;
    LocalDate end = to == null ? today : to;
    if (end.isBefore(start)) {
      throw new InvalidInput("to", "must be on or after from");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("from", start);
    answer.put("to", end);
    answer.put("totals", summary.totals(caller.organizationId(), start, end));
    return answer;
  }
}
