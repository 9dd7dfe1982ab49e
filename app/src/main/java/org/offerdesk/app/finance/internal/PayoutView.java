package org.offerdesk.app.finance.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * A payout as the API and the pages show it; {@code difference} is the payout less its lines (zero when
 * they add up), {@code lines} only on the single-payout view: a page of them in their order (invoice, type,
 * billing row), {@code linesNextCursor} where the next page starts (null on the last). A month's payout of a
 * large seller has tens of thousands of lines.
 */
record PayoutView(String payoutId, LocalDate paidOn, String currency, String amount, String linesTotal,
    String difference, int lineCount, int unlinkedLines, String bankTraceId, String referenceNumber, String status,
    boolean bankMatched, List<Line> lines,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    String linesNextCursor) {

  /** A line of a payout: the invoice and order it pays, and what for. */
  record Line(String billingEventId, String invoiceId, String agreementId, java.util.UUID orderId, String type,
      String amount) {}

  static final String SELECT = "SELECT payout_id, paid_on, currency, amount, lines_total, line_count, unlinked_lines,"
      + " bank_trace_id, reference, status, bank_matched FROM finance_payout";

  static PayoutView map(ResultSet rs, int row) throws SQLException {
    java.math.BigDecimal amount = rs.getBigDecimal("amount");
    java.math.BigDecimal lines = rs.getBigDecimal("lines_total");
    return new PayoutView(rs.getString("payout_id"), rs.getObject("paid_on", LocalDate.class),
        rs.getString("currency"), InvoiceView.text(amount), InvoiceView.text(lines),
        InvoiceView.text(amount.subtract(lines)), rs.getInt("line_count"), rs.getInt("unlinked_lines"),
        rs.getString("bank_trace_id"), rs.getString("reference"), rs.getString("status"),
        rs.getBoolean("bank_matched"), null, null);
  }

  PayoutView withLines(List<Line> page, String nextCursor) {
    return new PayoutView(payoutId, paidOn, currency, amount, linesTotal, difference, lineCount, unlinkedLines,
        bankTraceId, referenceNumber, status, bankMatched, page, nextCursor);
  }
}
