package org.offerdesk.sandbox.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.RecordedStatements;
import org.offerdesk.postgres.TestPostgres;
import org.offerdesk.sandbox.SandboxServer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts asked for by ID (the change-set worker, the queues and the events ask for every call they serve) are
 * read once and kept, as those asked for by access key are; an unknown ID is asked again each time (it may be
 * opened later).
 */
class AccountsKeptTest {

  final List<String> statements = new CopyOnWriteArrayList<>();

  @Test
  void anAccountFoundByIdIsReadOnceAndAnUnknownOneEachTime() {
    DatabaseUrl db = TestPostgres.newDatabase("sandbox_accounts_kept");
    try (SandboxServer sandbox = SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(),
        db.password(), List.of()))) {
      DataSource real = sandbox.context().getBean(DataSource.class);
      Accounts opened = sandbox.context().getBean(Accounts.class);
      Account seller = opened.open(new Accounts.NewAccount(null, "Kept Seller", AccountKind.SELLER, null, null));
      Accounts accounts = new Accounts(new JdbcTemplate(RecordedStatements.recording(real, statements)),
          Clock.systemUTC());

      assertThat(accounts.find(seller.id().value()).map(Account::name)).contains("Kept Seller");
      assertThat(accounts.find(seller.id().value()).map(Account::name)).contains("Kept Seller");
      assertThat(statements).hasSize(1);

      statements.clear();
      assertThat(accounts.find("123456789012")).isEmpty();
      assertThat(accounts.find("123456789012")).isEmpty();
      assertThat(statements).hasSize(2);
    }
  }

  /**
   * Only what a committed row says is kept: an account read inside a transaction (here the one that opens it, then
   * rolled back) is not, so the rolled-back account is not found afterwards, by ID or by access key.
   */
  @Test
  void anAccountReadInsideATransactionThatRollsBackIsNotKept() {
    DatabaseUrl db = TestPostgres.newDatabase("sandbox_accounts_rolled_back");
    try (SandboxServer sandbox = SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(),
        db.password(), List.of()))) {
      Accounts accounts = sandbox.context().getBean(Accounts.class);
      TransactionTemplate tx = new TransactionTemplate(sandbox.context().getBean(PlatformTransactionManager.class));
      Account opened = tx.execute(status -> {
        Account account = accounts.open(new Accounts.NewAccount(null, "Rolled Back", AccountKind.SELLER, null, null));
        assertThat(accounts.find(account.id().value())).isPresent();
        assertThat(accounts.findByAccessKey(account.accessKeyId())).isPresent();
        status.setRollbackOnly();
        return account;
      });
      assertThat(accounts.find(opened.id().value())).isEmpty();
      assertThat(accounts.findByAccessKey(opened.accessKeyId())).isEmpty();
    }
  }
}
