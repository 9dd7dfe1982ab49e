package org.offerdesk.sandbox.billing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The invoices (table {@code invoice}). */
@Repository
public class Invoices {

  private static final String COLUMNS = "invoice_id, agreement_id, invoice_type, invoice_variant, charge_kind, "
      + "payer_account_id, payee_account_id, amount, currency, issued_at, due_at, paid_at, period_start, period_end, "
      + "parent_invoice_id, charge_key";

  private final JdbcTemplate jdbc;

  public Invoices(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A new invoice number: digits, as AWS Inc's. */
  String nextNumber() {
    return String.valueOf(jdbc.queryForObject("SELECT nextval('invoice_number')", Long.class));
  }

  /** Inserts the invoice unless its charge was invoiced already; answers whether it was new. */
  boolean insert(Invoice i) {
    return jdbc.update("INSERT INTO invoice (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (charge_key, invoice_variant, invoice_type) DO NOTHING",
        i.invoiceId(), i.agreementId(), i.invoiceType(), i.invoiceVariant(), i.chargeKind(), i.payerAccountId(),
        i.payeeAccountId(), i.amount(), i.currency(), ts(i.issuedAt()), ts(i.dueAt()), ts(i.paidAt()), ts(i.periodStart()),
        ts(i.periodEnd()), i.parentInvoiceId(), i.chargeKey()) == 1;
  }

  public Optional<Invoice> find(String invoiceId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM invoice WHERE invoice_id = ?", Invoices::map, invoiceId).stream().findFirst();
  }

  /** A buyer's invoices and credit memos, newest first. */
  public List<Invoice> ofPayer(String accountId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM invoice WHERE payer_account_id = ? AND invoice_variant = 'PURCHASE' "
        + "ORDER BY issued_at DESC, invoice_id DESC", Invoices::map, accountId);
  }

  /** The invoices of an agreement an account is paid by, oldest first. */
  List<Invoice> ofAgreementPaying(String agreementId, String payeeAccountId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM invoice WHERE agreement_id = ? AND payee_account_id = ? "
        + "ORDER BY issued_at, invoice_id", Invoices::map, agreementId, payeeAccountId);
  }

  /** What the buyer was invoiced for an agreement (invoices only, not credit memos). */
  BigDecimal invoicedToBuyer(String agreementId) {
    return jdbc.queryForObject("SELECT coalesce(sum(amount), 0) FROM invoice WHERE agreement_id = ? "
        + "AND invoice_variant = 'PURCHASE' AND invoice_type = 'INVOICE'", BigDecimal.class, agreementId);
  }

  /** The RESALE invoices and credit memos hanging off an invoice. */
  List<Invoice> children(String invoiceId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM invoice WHERE parent_invoice_id = ? ORDER BY invoice_id", Invoices::map,
        invoiceId);
  }

  /** Marks an unpaid invoice paid; answers false if it was paid already. */
  boolean markPaid(String invoiceId, Instant at) {
    return jdbc.update("UPDATE invoice SET paid_at = ? WHERE invoice_id = ? AND paid_at IS NULL", ts(at), invoiceId) == 1;
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Invoice map(ResultSet rs, int row) throws SQLException {
    return new Invoice(rs.getString("invoice_id"), rs.getString("agreement_id"), rs.getString("invoice_type"),
        rs.getString("invoice_variant"), rs.getString("charge_kind"), rs.getString("payer_account_id"),
        rs.getString("payee_account_id"), rs.getBigDecimal("amount"), rs.getString("currency"), instant(rs, "issued_at"),
        instant(rs, "due_at"), instant(rs, "paid_at"), instant(rs, "period_start"), instant(rs, "period_end"),
        rs.getString("parent_invoice_id"), rs.getString("charge_key"));
  }
}
