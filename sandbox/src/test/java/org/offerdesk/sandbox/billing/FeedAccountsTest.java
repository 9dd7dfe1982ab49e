package org.offerdesk.sandbox.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A feed key is remembered once the transaction that read it commits, and not when it rolls back. */
class FeedAccountsTest {

  @Test
  void remembersTheKeysOfCommittedTransactionsOnly() {
    DatabaseUrl db = TestPostgres.newDatabase("feed_accounts");
    SingleConnectionDataSource data = new SingleConnectionDataSource(db.jdbcUrl(), db.username(), db.password(), true);
    try {
      JdbcTemplate jdbc = new JdbcTemplate(data);
      jdbc.execute("""
          CREATE TABLE feed_account (account_id uuid PRIMARY KEY, aws_account_id char(12) NOT NULL UNIQUE,
            encrypted_account_id text, mailing_address_id uuid, tax_address_id uuid, created_at timestamptz NOT NULL)""");
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(data));
      FeedAccounts accounts = new FeedAccounts(jdbc, Clock.systemUTC());

      UUID rolledBack = tx.execute(status -> {
        status.setRollbackOnly();
        return accounts.keyOf("111122223333");
      });
      UUID made = accounts.keyOf("111122223333");
      assertThat(made).isNotEqualTo(rolledBack).isEqualTo(stored(jdbc, "111122223333"));

      UUID committed = tx.execute(status -> accounts.keyOf("444455556666"));
      // Remembered: asked again, it answers the key it read, without reading the table (changed here behind its back).
      jdbc.update("UPDATE feed_account SET account_id = ? WHERE aws_account_id = ?", UUID.randomUUID(), "444455556666");
      assertThat(accounts.keyOf("444455556666")).isEqualTo(committed);
      assertThat(accounts.keyOf("111122223333")).isEqualTo(made);
    } finally {
      data.destroy();
    }
  }

  private static UUID stored(JdbcTemplate jdbc, String awsAccountId) {
    return jdbc.queryForObject("SELECT account_id FROM feed_account WHERE aws_account_id = ?", UUID.class, awsAccountId);
  }
}
