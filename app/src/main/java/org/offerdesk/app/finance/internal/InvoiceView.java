package org.offerdesk.app.finance.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An invoice of the ledger as the API, the pages and the webhooks show it: amounts as decimal strings;
 * {@code side} BUYING for a reseller's wholesale invoice (its cost), else SELLING.
 */
record InvoiceView(String invoiceId, UUID orderId, String agreementId, String variant, LocalDate invoicedOn,
    LocalDate dueOn, String currency, String amount, String listingFee, String expectedListingFee, String refunded,
    String net, String collectedAmount, String disbursedAmount, String payoutId, String status, String side,
    String resaleAuthorizationId) {

  static final String SELECT = "SELECT invoice_id, order_id, agreement_id, variant, invoiced_on, due_on, currency,"
      + " amount, listing_fee, expected_listing_fee, refunded, net, collected, disbursed, payout_id, status, side,"
      + " resale_authorization_id FROM finance_invoice";

  static InvoiceView map(ResultSet rs, int row) throws SQLException {
    return new InvoiceView(rs.getString("invoice_id"), rs.getObject("order_id", UUID.class),
        rs.getString("agreement_id"), rs.getString("variant"), rs.getObject("invoiced_on", LocalDate.class),
        rs.getObject("due_on", LocalDate.class), rs.getString("currency"), text(rs.getBigDecimal("amount")),
        text(rs.getBigDecimal("listing_fee")), text(rs.getBigDecimal("expected_listing_fee")),
        text(rs.getBigDecimal("refunded")), text(rs.getBigDecimal("net")), text(rs.getBigDecimal("collected")),
        text(rs.getBigDecimal("disbursed")), rs.getString("payout_id"), rs.getString("status"), rs.getString("side"),
        rs.getString("resale_authorization_id"));
  }

  /** An amount with two decimals, as the ledger keeps it; null stays null. */
  static String text(BigDecimal amount) {
    return amount == null ? null : amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }
}
