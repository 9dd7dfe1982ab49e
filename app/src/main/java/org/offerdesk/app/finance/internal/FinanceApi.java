package org.offerdesk.app.finance.internal;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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

  static final List<CsvColumn<InvoiceView>> INVOICE_CSV = List.of(
      CsvColumn.of("invoice_id", InvoiceView::invoiceId), CsvColumn.of("order_id", InvoiceView::orderId),
      CsvColumn.of("agreement_id", InvoiceView::agreementId), CsvColumn.of("variant", InvoiceView::variant),
      CsvColumn.of("invoiced_on", InvoiceView::invoicedOn), CsvColumn.of("due_on", InvoiceView::dueOn),
      CsvColumn.of("currency", InvoiceView::currency), CsvColumn.of("amount", InvoiceView::amount),
      CsvColumn.of("listing_fee", InvoiceView::listingFee), CsvColumn.of("refunded", InvoiceView::refunded),
      CsvColumn.of("net", InvoiceView::net), CsvColumn.of("collected", InvoiceView::collectedAmount),
      CsvColumn.of("disbursed", InvoiceView::disbursedAmount), CsvColumn.of("payout_id", InvoiceView::payoutId),
      CsvColumn.of("status", InvoiceView::status));

  static final List<CsvColumn<PayoutView>> PAYOUT_CSV = List.of(
      CsvColumn.of("payout_id", PayoutView::payoutId), CsvColumn.of("paid_on", PayoutView::paidOn),
      CsvColumn.of("currency", PayoutView::currency), CsvColumn.of("amount", PayoutView::amount),
      CsvColumn.of("lines_total", PayoutView::linesTotal), CsvColumn.of("difference", PayoutView::difference),
      CsvColumn.of("bank_trace_id", PayoutView::bankTraceId), CsvColumn.of("reference", PayoutView::referenceNumber),
      CsvColumn.of("status", PayoutView::status), CsvColumn.of("bank_matched", PayoutView::bankMatched));

  record SyncAccepted(UUID syncId) {}

  private final FinanceSyncs syncs;
  private final SyncStore syncStore;
  private final LedgerQueries ledger;
  private final ExceptionStore exceptions;
  private final ExceptionResolution resolution;
  private final FinanceSummary summary;
  private final Clock clock;

  FinanceApi(FinanceSyncs syncs, SyncStore syncStore, LedgerQueries ledger, ExceptionStore exceptions,
      ExceptionResolution resolution, FinanceSummary summary, Clock clock) {
    this.syncs = syncs;
    this.syncStore = syncStore;
    this.ledger = ledger;
    this.exceptions = exceptions;
    this.resolution = resolution;
    this.summary = summary;
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
    return ledger.invoices(caller.organizationId(), invoiceFilter(p))
        .page(p.page(LedgerQueries.NEWEST_INVOICES, CursorPage.DEFAULT_LIMIT));
  }

  @GetMapping(value = "/invoices/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  ResponseEntity<String> invoicesCsv(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    return CsvExport.attachment("invoices.csv", CsvColumn.csv(INVOICE_CSV,
        each -> ledger.invoices(caller.organizationId(), invoiceFilter(p)).each(LedgerQueries.NEWEST_INVOICES, each)));
  }

  static LedgerQueries.InvoiceFilter invoiceFilter(TableParams p) {
    String order = p.text("orderId");
    UUID orderId;
    try {
      orderId = order == null ? null : UUID.fromString(order);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("orderId", "must be an order ID");
    }
    return new LedgerQueries.InvoiceFilter(orderId, p.text("agreementId"), p.text("status"), p.text("variant"),
        p.text("q"));
  }

  @GetMapping("/payouts")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  CursorPage<PayoutView> payouts(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    return ledger.payouts(caller.organizationId(), p.text("status"), p.text("q"))
        .page(p.page(LedgerQueries.NEWEST_PAYOUTS, CursorPage.DEFAULT_LIMIT));
  }

  @GetMapping(value = "/payouts/export", produces = "text/csv")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  ResponseEntity<String> payoutsCsv(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    return CsvExport.attachment("payouts.csv", CsvColumn.csv(PAYOUT_CSV, each -> ledger.payouts(
        caller.organizationId(), p.text("status"), p.text("q")).each(LedgerQueries.NEWEST_PAYOUTS, each)));
  }

  @GetMapping("/payouts/{id}")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  PayoutView payout(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return ledger.payout(caller.organizationId(), id).orElseThrow(() -> new NotFound("Payout " + id));
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
