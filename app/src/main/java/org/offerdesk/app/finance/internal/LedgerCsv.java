package org.offerdesk.app.finance.internal;

import java.util.List;
import java.util.UUID;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The ledger's CSV exports, one for the API ({@code /api/v1/finance/.../export}) and the pages
 * ({@code /finance/...csv}) alike: every invoice or payout the table's filters select, newest first.
 */
@Component
class LedgerCsv {

  static final List<CsvColumn<InvoiceView>> INVOICE_COLUMNS = List.of(
      CsvColumn.of("invoice_id", InvoiceView::invoiceId), CsvColumn.of("order_id", InvoiceView::orderId),
      CsvColumn.of("agreement_id", InvoiceView::agreementId), CsvColumn.of("variant", InvoiceView::variant),
      CsvColumn.of("invoiced_on", InvoiceView::invoicedOn), CsvColumn.of("due_on", InvoiceView::dueOn),
      CsvColumn.of("currency", InvoiceView::currency), CsvColumn.of("amount", InvoiceView::amount),
      CsvColumn.of("listing_fee", InvoiceView::listingFee), CsvColumn.of("refunded", InvoiceView::refunded),
      CsvColumn.of("net", InvoiceView::net), CsvColumn.of("collected", InvoiceView::collectedAmount),
      CsvColumn.of("disbursed", InvoiceView::disbursedAmount), CsvColumn.of("payout_id", InvoiceView::payoutId),
      CsvColumn.of("status", InvoiceView::status));

  static final List<CsvColumn<PayoutView>> PAYOUT_COLUMNS = List.of(
      CsvColumn.of("payout_id", PayoutView::payoutId), CsvColumn.of("paid_on", PayoutView::paidOn),
      CsvColumn.of("currency", PayoutView::currency), CsvColumn.of("amount", PayoutView::amount),
      CsvColumn.of("lines_total", PayoutView::linesTotal), CsvColumn.of("difference", PayoutView::difference),
      CsvColumn.of("bank_trace_id", PayoutView::bankTraceId), CsvColumn.of("reference", PayoutView::referenceNumber),
      CsvColumn.of("status", PayoutView::status), CsvColumn.of("bank_matched", PayoutView::bankMatched));

  private final LedgerQueries ledger;

  LedgerCsv(LedgerQueries ledger) {
    this.ledger = ledger;
  }

  ResponseEntity<String> invoices(UUID organizationId, TableParams p) {
    LedgerQueries.InvoiceFilter filter = LedgerQueries.InvoiceFilter.of(p);
    return CsvExport.attachment("invoices.csv", CsvColumn.csv(INVOICE_COLUMNS,
        each -> ledger.invoices(organizationId, filter).each(LedgerQueries.NEWEST_INVOICES, each)));
  }

  ResponseEntity<String> payouts(UUID organizationId, TableParams p) {
    return CsvExport.attachment("payouts.csv", CsvColumn.csv(PAYOUT_COLUMNS,
        each -> ledger.payouts(organizationId, p).each(LedgerQueries.NEWEST_PAYOUTS, each)));
  }
}
