package org.offerdesk.sandbox.billing;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Buyers' payment terms and sellers' disbursement settings (tables {@code payment_terms}, {@code disbursement_settings}). */
@Repository
public class BillingSettings {

  private final JdbcTemplate jdbc;

  public BillingSettings(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public PaymentTerms paymentTerms(String accountId) {
    return jdbc.query("SELECT method, net_days, payment, late_days FROM payment_terms WHERE account_id = ?",
            (rs, row) -> new PaymentTerms(PaymentTerms.Method.valueOf(rs.getString(1)), rs.getInt(2),
                PaymentTerms.Payment.valueOf(rs.getString(3)), rs.getInt(4)), accountId)
        .stream().findFirst().orElse(PaymentTerms.DEFAULT);
  }

  public void save(String accountId, PaymentTerms t) {
    jdbc.update("INSERT INTO payment_terms (account_id, method, net_days, payment, late_days) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (account_id) DO UPDATE SET method = EXCLUDED.method, net_days = EXCLUDED.net_days, "
            + "payment = EXCLUDED.payment, late_days = EXCLUDED.late_days",
        accountId, t.method().name(), t.netDays(), t.payment().name(), t.lateDays());
  }

  public DisbursementSettings disbursementSettings(String accountId) {
    return jdbc.query("SELECT frequency, day_of_month, bank_account_valid FROM disbursement_settings WHERE account_id = ?",
            (rs, row) -> new DisbursementSettings(DisbursementSettings.Frequency.valueOf(rs.getString(1)),
                (Integer) rs.getObject(2), rs.getBoolean(3)), accountId)
        .stream().findFirst().orElse(DisbursementSettings.DEFAULT);
  }

  void save(String accountId, DisbursementSettings s) {
    jdbc.update("INSERT INTO disbursement_settings (account_id, frequency, day_of_month, bank_account_valid) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET frequency = EXCLUDED.frequency, "
            + "day_of_month = EXCLUDED.day_of_month, bank_account_valid = EXCLUDED.bank_account_valid",
        accountId, s.frequency().name(), s.dayOfMonth(), s.bankAccountValid());
  }
}
