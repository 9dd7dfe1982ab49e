package org.offerdesk.sandbox.billing;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes billing events (table {@code billing_event}, read by the seller data feeds) and finds the lines a
 * payout is to cover. Rows are never updated: a correction or a payout is a new row.
 */
@Repository
class BillingEvents {

  private final JdbcTemplate jdbc;
  private final FeedAccounts feedAccounts;
  private final SecureRandom random = new SecureRandom();

  BillingEvents(JdbcTemplate jdbc, FeedAccounts feedAccounts) {
    this.jdbc = jdbc;
    this.feedAccounts = feedAccounts;
  }

  /** A new billing event ID: 40 characters, as AWS's. */
  String newId() {
    byte[] bytes = new byte[20];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Writes the row and answers its billing event ID. */
  String write(BillingEvent e) {
    return write(newId(), e);
  }

  String write(String id, BillingEvent e) {
    Timestamp at = Timestamp.from(e.actionDate);
    jdbc.update("INSERT INTO billing_event (billing_event_id, feed_owner, action_date, from_account_id, to_account_id, "
            + "end_user_account_id, recipient_account_id, product_id, agreement_id, offer_id, action, transaction_type, "
            + "parent_billing_event_id, disbursement_billing_event_id, amount, currency, balance_impacting, invoice_date, "
            + "payment_due_date, usage_period_start_date, usage_period_end_date, invoice_id, transaction_reference_id, "
            + "bank_trace_id, broker_id, buyer_invoice_id, buyer_invoice_date, line_item_id, buyer_line_item_id, "
            + "disbursement_amount, disbursement_currency, disbursement_reference_number, invoice_variant, charge_variant, "
            + "charge_side, valid_from, insert_date, update_date) VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AWS_INC', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id, e.feedOwner, at, key(e.from), key(e.to), key(e.endUser), key(e.feedOwner), e.productId, e.agreementId,
        e.offerId, e.action, e.transactionType, e.parent, e.disbursement, e.amount, e.currency, e.balanceImpacting,
        ts(e.invoiceDate), ts(e.paymentDueDate), ts(e.usageStart), ts(e.usageEnd), e.invoiceId, e.transactionReference,
        e.bankTraceId, e.buyerInvoiceId, ts(e.buyerInvoiceDate), e.lineItemId, e.buyerInvoiceId == null ? null : e.lineItemId,
        e.disbursementReference == null ? null : e.amount, e.disbursementReference == null ? null : e.currency,
        e.disbursementReference, e.invoiceVariant, e.chargeVariant, e.chargeSide, at, at, at);
    return id;
  }

  /** An invoice line of a feed that a payout may cover. */
  record Line(String billingEventId, String owner, String transactionType, BigDecimal amount, String currency,
      String invoiceId, String agreementId, String productId, String offerId, String from, String to,
      String invoiceVariant, String chargeVariant, String chargeSide, Instant invoiceDate) {}

  private static final String LINES = "SELECT e.billing_event_id, e.feed_owner, e.transaction_type, e.amount, e.currency, "
      + "e.invoice_id, e.agreement_id, e.product_id, e.offer_id, fa.aws_account_id, ta.aws_account_id, e.invoice_variant, "
      + "e.charge_variant, e.charge_side, e.invoice_date FROM billing_event e "
      + "LEFT JOIN feed_account fa ON fa.account_id = e.from_account_id "
      + "LEFT JOIN feed_account ta ON ta.account_id = e.to_account_id ";

  private static Line line(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    Timestamp invoiceDate = rs.getTimestamp(15);
    return new Line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
        rs.getString(12), rs.getString(13), rs.getString(14), invoiceDate == null ? null : invoiceDate.toInstant());
  }

  /**
   * The balance-impacting invoiced lines of an account whose invoice was collected in full by {@code at}
   * and that no payout covers yet (a payout that failed covers nothing).
   */
  List<Line> awaitingPayout(String owner, Instant at) {
    return jdbc.query(LINES + "JOIN invoice i ON i.invoice_id = e.invoice_id "
            + "WHERE e.feed_owner = ? AND e.action = 'INVOICED' AND e.balance_impacting = 1 "
            + "AND i.paid_at IS NOT NULL AND i.paid_at <= ? "
            + "AND NOT EXISTS (SELECT 1 FROM billing_event d WHERE d.parent_billing_event_id = e.billing_event_id "
            + "  AND d.action = 'DISBURSED' AND NOT EXISTS (SELECT 1 FROM billing_event f "
            + "  WHERE f.transaction_type = 'DISBURSEMENT_FAILURE' AND f.parent_billing_event_id = d.disbursement_billing_event_id)) "
            + "ORDER BY e.action_date, e.billing_event_id", BillingEvents::line, owner, Timestamp.from(at));
  }

  /** The INVOICED rows of an invoice, in every feed. */
  List<Line> invoiced(String invoiceId) {
    return jdbc.query(LINES + "WHERE e.invoice_id = ? AND e.action = 'INVOICED' ORDER BY e.action_date, e.billing_event_id",
        BillingEvents::line, invoiceId);
  }

  private UUID key(String awsAccountId) {
    return feedAccounts.keyOf(awsAccountId);
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
