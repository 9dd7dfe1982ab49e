package org.offerdesk.app.finance.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger's payouts as the bank matching sees them: paid out (not failed), not yet found in a bank statement.
 * A payout's amount is negative in the feed (money leaving the marketplace for the seller); a deposit is positive.
 */
@Repository
class LedgerPayoutsAwaitingDeposit implements PayoutsAwaitingDeposit {

  private final JdbcClient jdbc;

  LedgerPayoutsAwaitingDeposit(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<DepositMatcher.Payout> awaitingDeposit(UUID organizationId, LocalDate from, LocalDate to) {
    return jdbc.sql("""
        SELECT payout_id, paid_on, abs(amount) AS amount, currency, bank_trace_id FROM finance_payout
        WHERE organization_id = ? AND paid_on BETWEEN ? AND ? AND status <> 'FAILED' AND NOT bank_matched
        ORDER BY paid_on, payout_id""")
        .params(organizationId, from, to)
        .query((rs, row) -> new DepositMatcher.Payout(rs.getString("payout_id"),
            rs.getObject("paid_on", LocalDate.class), Money.of(rs.getBigDecimal("amount"), rs.getString("currency")),
            rs.getString("bank_trace_id")))
        .list();
  }

  @Override
  public void markBankMatched(UUID organizationId, String payoutId) {
    jdbc.sql("UPDATE finance_payout SET bank_matched = true WHERE organization_id = ? AND payout_id = ?")
        .params(organizationId, payoutId).update();
  }
}
