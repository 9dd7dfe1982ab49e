package org.offerdesk.sandbox.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A feed key is remembered for the rest of the transaction that read it, and for good once that transaction commits;
 * nothing of a transaction that rolls back. "Remembered" shows as answering the key read before although the table
 * was changed behind the memo's back.
 */
class FeedAccountsTest {

  private JdbcTemplate jdbc;
  private TransactionTemplate tx;
  private TransactionTemplate newTx;
  private FeedAccounts accounts;

  @BeforeEach
  void table() {
    DatabaseUrl db = TestPostgres.newDatabase("feed_accounts");
    DriverManagerDataSource data = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
    jdbc = new JdbcTemplate(data);
    jdbc.execute("""
        CREATE TABLE feed_account (account_id uuid PRIMARY KEY, aws_account_id char(12) NOT NULL UNIQUE,
          encrypted_account_id text, mailing_address_id uuid, tax_address_id uuid, created_at timestamptz NOT NULL)""");
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(data);
    tx = new TransactionTemplate(transactions);
    newTx = new TransactionTemplate(transactions);
    newTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    accounts = new FeedAccounts(jdbc, Clock.systemUTC());
  }

  @Test
  void remembersTheKeysOfCommittedTransactionsOnly() {
    UUID rolledBack = tx.execute(status -> {
      status.setRollbackOnly();
      return accounts.keyOf("111122223333");
    });
    UUID made = accounts.keyOf("111122223333");
    assertThat(made).isNotEqualTo(rolledBack).isEqualTo(stored("111122223333"));

    UUID committed = tx.execute(status -> accounts.keyOf("444455556666"));
    changeBehindItsBack("444455556666");
    assertThat(accounts.keyOf("444455556666")).isEqualTo(committed);
    assertThat(accounts.keyOf("111122223333 ")).isEqualTo(made);
    assertThat(accounts.keyOf(null)).isNull();
  }

  @Test
  void keysReadTogetherAreRememberedForTheTransactionAndKeptOnlyIfItCommits() {
    Map<String, UUID> dropped = tx.execute(status -> {
      Map<String, UUID> keys = accounts.keysOf(List.of("111122223333", "444455556666 ", "111122223333"));
      assertThat(keys).containsOnlyKeys("111122223333", "444455556666");
      changeBehindItsBack("111122223333");
      // Still the key read at first, for the rest of the transaction, one at a time or together.
      assertThat(accounts.keyOf("111122223333")).isEqualTo(keys.get("111122223333"));
      assertThat(accounts.keysOf(Arrays.asList("111122223333", null))).isEqualTo(
          Map.of("111122223333", keys.get("111122223333")));
      status.setRollbackOnly();
      return keys;
    });
    // Rolled back: the keys it made are gone, and so are they from the memo.
    Map<String, UUID> made = accounts.keysOf(List.of("111122223333", "444455556666"));
    assertThat(made.get("111122223333")).isNotEqualTo(dropped.get("111122223333")).isEqualTo(stored("111122223333"));

    Map<String, UUID> kept = tx.execute(status -> accounts.keysOf(List.of("777788889999")));
    changeBehindItsBack("777788889999");
    assertThat(accounts.keysOf(List.of("777788889999"))).isEqualTo(kept);
  }

  @Test
  void aTransactionRunInsideAnotherKeepsItsOwnKeys() {
    tx.executeWithoutResult(outer -> {
      accounts.keyOf("444455556666");
      UUID inner = newTx.execute(status -> {
        status.setRollbackOnly();
        return accounts.keyOf("111122223333");
      });
      // The inner transaction rolled back: its key is neither the outer one's nor kept when the outer commits.
      UUID outerKey = accounts.keyOf("111122223333");
      assertThat(outerKey).isNotEqualTo(inner);
    });
    UUID stored = stored("111122223333");
    assertThat(accounts.keyOf("111122223333")).isEqualTo(stored);
    changeBehindItsBack("111122223333");
    assertThat(accounts.keyOf("111122223333")).isEqualTo(stored);
  }

  private void changeBehindItsBack(String awsAccountId) {
    jdbc.update("UPDATE feed_account SET account_id = ? WHERE aws_account_id = ?", UUID.randomUUID(), awsAccountId);
  }

  private UUID stored(String awsAccountId) {
    return jdbc.queryForObject("SELECT account_id FROM feed_account WHERE aws_account_id = ?", UUID.class, awsAccountId);
  }
}
