package org.offerdesk.app.finance.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.PageReads;
import org.offerdesk.app.web.table.Cursor;
import org.offerdesk.app.web.table.FilterField;
import org.offerdesk.app.web.table.TableParams;
import org.offerdesk.app.web.table.TableView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Finance pages: totals of a period, the forecast and overdue ages, the invoices and payouts tables
 * (filters, search, cursor pages, CSV), a payout with its lines, and the exceptions queue.
 */
@Controller
class FinancePages {

  static final List<FilterField> INVOICE_FIELDS = List.of(
      FilterField.search("Invoice, agreement or payout ID", 4),
      FilterField.choice("status", "Status", "Any", FilterField.names(List.of("INVOICED", "OVERDUE", "COLLECTED",
          "DISBURSED", "PARTIALLY_DISBURSED", "DISBURSEMENT_FAILED", "REFUNDED")), 3),
      FilterField.choice("variant", "Variant", "Any", FilterField.names(List.of("PURCHASE", "RESALE", "LISTING_FEE")), 3));

  static final List<FilterField> PAYOUT_FIELDS = List.of(
      FilterField.search("Payout ID, bank trace ID or reference", 5),
      FilterField.choice("status", "Status", "Any", FilterField.names(List.of("RECONCILED", "UNMATCHED", "FAILED")), 3));

  private final LedgerQueries ledger;
  private final FinanceSummary summary;
  private final ExceptionStore exceptions;
  private final ExceptionResolution resolution;
  private final LedgerCsv csv;
  private final AuthorizationLinks authorizationLinks;
  private final Clock clock;
  private final PageReads pageReads;

  FinancePages(LedgerQueries ledger, FinanceSummary summary, ExceptionStore exceptions,
      ExceptionResolution resolution, LedgerCsv csv, AuthorizationLinks authorizationLinks, Clock clock,
      PageReads pageReads) {
    this.pageReads = pageReads;
    this.authorizationLinks = authorizationLinks;
    this.ledger = ledger;
    this.summary = summary;
    this.exceptions = exceptions;
    this.resolution = resolution;
    this.csv = csv;
    this.clock = clock;
  }

  @GetMapping("/finance")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  String finance(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model) {
    UUID org = caller.organizationId();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate from = date(params.get("from"), today.withDayOfMonth(1));
    LocalDate to = date(params.get("to"), today);
    TableParams p = TableParams.lenient(without(params, "from", "to"));
    LedgerQueries.InvoiceFilter filter = LedgerQueries.InvoiceFilter.of(p);
    var request = p.page(LedgerQueries.NEWEST_INVOICES, CursorPage.DEFAULT_LIMIT);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    // every read of the page (and the layout's) in one read-only transaction, before rendering
    pageReads.read(() -> {
      CursorPage<InvoiceView> page = ledger.invoices(org, filter).page(request);
      model.addAttribute("totals", summary.totals(org, from, to));
      List<FinanceSummary.ForecastMonth> forecast = summary.forecast(org, 12);
      List<Map<String, Object>> overdue = ledger.overdueByAge(org, today);
      List<Map<String, Object>> monthly = ledger.monthly(org, today.withDayOfMonth(1).minusMonths(11));
      model.addAttribute("forecast", forecast);
      model.addAttribute("overdue", overdue);
      model.addAttribute("monthly", monthly);
      model.addAttribute("charts", FinanceCharts.of(today, monthly, forecast, overdue));
      model.addAttribute("openExceptions", exceptions.countOpen(org, CursorPage.MAX_LIMIT));
      model.addAttribute("table", TableView.of("/finance", "/finance/invoices.csv", p, INVOICE_FIELDS, page));
      model.addAttribute("rows", InvoicePageRow.of(page.items(), authorizationLinks.of(caller,
          page.items().stream().map(InvoiceView::resaleAuthorizationId).toList())));
    });
    return "finance/index";
  }

  @GetMapping("/finance/invoices.csv")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  ResponseEntity<String> invoicesCsv(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params) {
    return csv.invoices(caller.organizationId(), TableParams.lenient(params));
  }

  @GetMapping("/finance/payouts")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  String payouts(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model) {
    TableParams p = TableParams.lenient(params);
    var query = ledger.payouts(caller.organizationId(), p);
    var request = p.page(LedgerQueries.NEWEST_PAYOUTS, CursorPage.DEFAULT_LIMIT);
    CursorPage<PayoutView> page = pageReads.read(() -> query.page(request));
    model.addAttribute("table", TableView.of("/finance/payouts", "/finance/payouts.csv", p, PAYOUT_FIELDS, page));
    model.addAttribute("rows", page.items());
    return "finance/payouts";
  }

  @GetMapping("/finance/payouts.csv")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  ResponseEntity<String> payoutsCsv(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params) {
    return csv.payouts(caller.organizationId(), TableParams.lenient(params));
  }

  @GetMapping("/finance/payouts/{id}")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  String payout(@AuthenticationPrincipal Caller caller, @PathVariable String id,
      @RequestParam(required = false) String cursor, Model model) {
    Cursor after;
    try {
      after = Cursor.decode(cursor, LedgerQueries.LINES_ORDER);
    } catch (DomainException refused) {
      after = null; // a page is lenient: a cursor it did not hand out shows the first lines
    }
    Cursor from = after;
    PayoutView payout = pageReads.read(() -> ledger.payout(caller.organizationId(), id, from, CursorPage.MAX_LIMIT))
        .orElseThrow(() -> new NotFound("Payout " + id));
    model.addAttribute("payout", payout);
    model.addAttribute("lines", PayoutPageLine.of(payout));
    model.addAttribute("linesFrom", from != null);
    return "finance/payout";
  }

  @GetMapping("/finance/exceptions")
  @PreAuthorize("hasAuthority('FINANCE_VIEW')")
  String exceptionsPage(@AuthenticationPrincipal Caller caller, Model model) {
    model.addAttribute("exceptions", exceptions.list(caller.organizationId(), null, CursorPage.MAX_LIMIT));
    return "finance/exceptions";
  }

  @PostMapping("/finance/exceptions/{id}/resolve")
  @PreAuthorize("hasAuthority('FINANCE_EDIT')")
  String resolve(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @RequestParam Map<String, String> params,
      RedirectAttributes redirect) {
    try {
      String order = params.get("orderId");
      resolution.resolve(caller, id, new ExceptionResolution.Decision(params.get("action"),
          order == null || order.isBlank() ? null : UUID.fromString(order.strip()), params.get("note")));
      redirect.addFlashAttribute("notice", "Exception resolved.");
    } catch (DomainException | IllegalArgumentException problem) {
      redirect.addFlashAttribute("alert", problem.getMessage());
    }
    return "redirect:/finance/exceptions";
  }

  private static LocalDate date(String text, LocalDate fallback) {
    try {
      return text == null || text.isBlank() ? fallback : LocalDate.parse(text.strip());
    } catch (java.time.format.DateTimeParseException e) {
      return fallback;
    }
  }

  private static Map<String, String> without(Map<String, String> params, String... names) {
    Map<String, String> rest = new java.util.LinkedHashMap<>(params);
    for (String n : names) {
      rest.remove(n);
    }
    return rest;
  }
}
