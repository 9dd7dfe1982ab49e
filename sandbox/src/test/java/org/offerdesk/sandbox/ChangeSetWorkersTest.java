package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.offerdesk.sandbox.SandboxFixture.CATALOG;
import static org.offerdesk.sandbox.SandboxFixture.SELLER_KEY;
import static org.offerdesk.sandbox.SandboxFixture.SELLER_SECRET;
import static org.offerdesk.sandbox.SandboxFixture.awaitEnd;
import static org.offerdesk.sandbox.SandboxFixture.change;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;

/**
 * Change sets are stepped side by side, as AWS works on many at once: one whose step cannot go on (here its row is
 * held by another transaction) does not hold up the others, which used to wait for it behind the sandbox's one
 * stepping thread. Its own sandbox, so that the held row's lock is taken on a database the test can reach.
 */
class ChangeSetWorkersTest {

  static DatabaseUrl db;
  static SandboxServer server;
  static MarketplaceCatalogClient seller;

  @BeforeAll
  static void start() {
    db = TestPostgres.newDatabase("sandbox_workers");
    // A delay long enough that the first change set's row is held before its first step is due.
    server = SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(), db.password(),
        List.of("--offerdesk.sandbox.change-set.delay=3s", "--offerdesk.sandbox.change-set.recheck-interval=60s",
            "--offerdesk.sandbox.sqs.recheck-interval=60s")));
    seller = Marketplace.catalog(server.endpoint(), SELLER_KEY, SELLER_SECRET);
  }

  @AfterAll
  static void stop() {
    seller.close();
    server.close();
  }

  private static String startDraftOffer() {
    return seller.startChangeSet(r -> r.catalog(CATALOG).changeSet(change("CreateOffer", "Offer@1.0", null,
        "{\"ProductId\":\"prod-sbxlimited001\"}"))).changeSetId();
  }

  @Test
  void a_change_set_whose_step_waits_does_not_hold_up_one_started_after_it() throws Exception {
    String held = startDraftOffer();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(
          "SELECT status FROM sandbox.change_set WHERE change_set_id = ? FOR UPDATE")) {
        s.setString(1, held);
        try (ResultSet rs = s.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).as("held before its first step").isEqualTo("PREPARING");
        }
      }
      String other = startDraftOffer(); // due after the held one: a single stepping thread would wait on it first

      assertThat(awaitEnd(seller, other).status()).isEqualTo(ChangeStatus.SUCCEEDED);
      assertThat(seller.describeChangeSet(r -> r.catalog(CATALOG).changeSetId(held)).status())
          .isEqualTo(ChangeStatus.PREPARING);
      c.rollback();
    }
    assertThat(awaitEnd(seller, held).status()).as("stepped once its row is free").isEqualTo(ChangeStatus.SUCCEEDED);
  }
}
