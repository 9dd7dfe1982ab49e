package org.offerdesk.app.finance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxClockTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The money of orders from the seller data feeds, against the embedded sandbox, moving its clock forward
 * only (every time relative to now): installments invoiced, collected and paid out until both payouts
 * reconcile; a buyer who never pays; a late, a header-only and a duplicated feed day; a sync that dies
 * half-way; and another organization that sees none of it. All clock-moving finance tests live here.
 */
@SandboxClockTest
class FinanceLedgerTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired FeedSync feedSync;
  @Autowired SyncStore syncStore;
  @Autowired JdbcClient jdbc;
  @Autowired org.offerdesk.app.marketplace.MarketplaceDataFeeds feeds;

  @Test
  void installments_become_reconciled_payouts_and_an_unpaid_invoice_becomes_overdue() {
    ConnectedSeller seller = connected("Ledger Co");
    Http market = new Http(sandbox.endpoint().toString());
    LocalDate today = today();
    String payer = seller.sandbox.buyer("Prompt Payer");
    String never = seller.sandbox.buyer("Never Payer");
    terms(market, payer, 30, "IMMEDIATELY");
    terms(market, never, 0, "NEVER");
    String paying = accepted(seller, market, payer, "Ledger 2027", List.of(
        Map.of("dueOn", today.plusDays(1).toString(), "amount", "6000.00"),
        Map.of("dueOn", today.plusDays(20).toString(), "amount", "4000.00")));
    String unpaid = accepted(seller, market, never, "Unpaid 2027", List.of(
        Map.of("dueOn", today.plusDays(1).toString(), "amount", "2500.00")));

    // Day by day, with a late, a header-only and a duplicated delivery, syncing after each.
    assertThat(market.postJson("/sandbox/faults", Map.of("lateFeedDeliveries", 1, "headerOnlyFeedDeliveries", 1,
        "duplicateFeedDeliveries", 1)).status()).isEqualTo(200);
    List<JsonNode> runs = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      advance(market, "P1D");
      runs.add(sync(seller));
    }
    JsonNode first = invoices(seller, "orderId=" + paying).get(0);
    assertThat(first.at("/variant").asText()).isEqualTo("PURCHASE");
    assertThat(first.at("/amount").asText()).isEqualTo("6000.00");
    assertThat(first.at("/listingFee").asText()).isEqualTo("180.00");
    assertThat(first.at("/net").asText()).isEqualTo("5820.00");
    assertThat(first.at("/collectedAmount").asText()).isEqualTo("5820.00");
    assertThat(first.at("/disbursedAmount").asText()).isEqualTo("5820.00");
    assertThat(first.at("/status").asText()).isEqualTo("DISBURSED");
    assertThat(first.at("/currency").asText()).isEqualTo("USD");
    // The duplicated day was read twice over and stored once.
    long read = runs.stream().mapToLong(r -> r.at("/rowsRead").asLong()).sum();
    long fresh = runs.stream().mapToLong(r -> r.at("/rowsNew").asLong()).sum();
    assertThat(read).isGreaterThan(fresh);
    assertThat(jdbc.sql("SELECT count(*) FROM finance_billing_event WHERE organization_id = ?")
        .param(seller.tenant.organizationId()).query(Long.class).single()).isEqualTo(fresh - agreementAndOfferRows(seller));

    JsonNode overdue = invoices(seller, "orderId=" + unpaid).get(0);
    assertThat(overdue.at("/status").asText()).isEqualTo("OVERDUE");
    assertThat(overdue.at("/amount").asText()).isEqualTo("2500.00");
    JsonNode queue = seller.api.get("/api/v1/finance/exceptions").json().at("/items");
    assertThat(queue.findValuesAsText("kind")).contains("INVOICE_OVERDUE");

    // The second installment, its collection and its payout; a sync of nothing new adds nothing.
    advance(market, "P20D");
    sync(seller);
    JsonNode again = sync(seller);
    assertThat(again.at("/rowsRead").asLong()).isZero();
    JsonNode payouts = seller.api.get("/api/v1/finance/payouts").json().at("/items");
    assertThat(payouts).hasSize(2);
    for (JsonNode p : payouts) {
      assertThat(p.at("/status").asText()).isEqualTo("RECONCILED");
      assertThat(p.at("/difference").asText()).isEqualTo("0.00");
      assertThat(p.at("/bankTraceId").asText()).isNotBlank();
      assertThat(p.at("/bankMatched").asBoolean()).isFalse();
    }
    assertThat(payouts.findValuesAsText("amount")).containsExactlyInAnyOrder("5820.00", "3880.00");
    JsonNode payout = seller.api.get("/api/v1/finance/payouts/" + payouts.get(0).at("/payoutId").asText()).json();
    assertThat(payout.at("/lines")).isNotEmpty();
    assertThat(payout.at("/lines").findValuesAsText("orderId")).containsOnly(paying);
    assertThat(payout.at("/lines").findValuesAsText("type")).contains("SELLER_REV_SHARE", "AWS_REV_SHARE");

    JsonNode money = seller.api.get("/api/v1/orders/" + paying).json().at("/money");
    assertThat(money.at("/contractValue").asText()).isEqualTo("10000.00");
    assertThat(money.at("/invoiced").asText()).isEqualTo("10000.00");
    assertThat(money.at("/listingFees").asText()).isEqualTo("300.00");
    assertThat(money.at("/disbursed").asText()).isEqualTo("9700.00");
    assertThat(money.at("/outstanding").asText()).isEqualTo("0.00");
    assertThat(money.at("/scheduled").asText()).isEqualTo("0.00");
    assertThat(money.at("/currency").asText()).isEqualTo("USD");

    JsonNode summary = seller.api.get("/api/v1/finance/summary?from=" + today + "&to=" + today.plusDays(30)).json();
    assertThat(summary.at("/totals/0/invoiced").asText()).isEqualTo("12500.00");
    assertThat(summary.at("/totals/0/overdue").asText()).isEqualTo("2500.00");
    assertThat(seller.api.get("/api/v1/finance/invoices/export").body()).contains("invoice_id,order_id");

    // An explained exception stays resolved, with who and why.
    String overdueId = queue.get(0).at("/id").asText();
    Http.Response explained = seller.api.postJson("/api/v1/finance/exceptions/" + overdueId + "/resolve",
        Map.of("action", "EXPLAIN", "note", "Buyer pays by wire next week"));
    assertThat(explained.status()).as(explained.body()).isEqualTo(200);
    assertThat(explained.json().at("/resolution").asText()).isEqualTo("EXPLAINED");
    assertThat(seller.api.postJson("/api/v1/finance/exceptions/" + overdueId + "/resolve",
        Map.of("action", "EXPLAIN", "note", "again")).status()).isEqualTo(409);

    // Another organization sees none of it.
    ConnectedSeller other = connected("Other Ledger Co");
    assertThat(other.api.get("/api/v1/finance/invoices").json().at("/items")).isEmpty();
    assertThat(other.api.get("/api/v1/finance/payouts/" + payouts.get(0).at("/payoutId").asText()).status())
        .isEqualTo(404);
    assertThat(other.api.get("/api/v1/finance/syncs/" + runs.get(0).at("/syncId").asText()).status()).isEqualTo(404);
    assertThat(other.api.postJson("/api/v1/finance/exceptions/" + overdueId + "/resolve",
        Map.of("action", "EXPLAIN", "note", "x")).status()).isEqualTo(404);
    assertThat(other.api.get("/api/v1/finance/invoices?orderId=" + paying).json().at("/items")).isEmpty();
  }

  @Test
  void a_sync_that_dies_after_some_batches_resumes_without_losing_or_doubling_a_row() {
    ConnectedSeller seller = connected("Restart Co");
    Http market = new Http(sandbox.endpoint().toString());
    LocalDate today = today();
    String payer = seller.sandbox.buyer("Restart Payer");
    terms(market, payer, 30, "IMMEDIATELY");
    accepted(seller, market, payer, "Restart 2027", List.of(
        Map.of("dueOn", today.plusDays(1).toString(), "amount", "1000.00"),
        Map.of("dueOn", today.plusDays(2).toString(), "amount", "1000.00")));
    advance(market, "P4D");
    UUID org = seller.tenant.organizationId();

    UUID dying = UUID.randomUUID();
    syncStore.create(org, dying, "REQUEST", java.time.Instant.now());
    assertThatThrownBy(() -> feedSync.readAll(org, dying, 2, batches -> batches == 3))
        .isInstanceOf(FeedSync.Interrupted.class);
    long readBefore = syncStore.find(org, dying).orElseThrow().rowsRead();
    assertThat(readBefore).isPositive();

    JsonNode rest = sync(seller);
    // Every row was read exactly once over the two runs, and every file to its end.
    long fileRows = jdbc.sql("SELECT sum(rows_read) FROM finance_feed_file WHERE organization_id = ?").param(org)
        .query(Long.class).single();
    assertThat(readBefore + rest.at("/rowsRead").asLong()).isEqualTo(fileRows);
    for (FeedTable feed : FeedTable.values()) {
      for (var file : feeds.list(org, feed.folder())) {
        assertThat(jdbc.sql("SELECT read_to FROM finance_feed_file WHERE organization_id = ? AND object_key = ?")
            .params(org, file.key()).query(Long.class).single()).as(file.key()).isEqualTo(file.size());
      }
    }
    assertThat(invoices(seller, "")).hasSize(2);
    JsonNode payouts = seller.api.get("/api/v1/finance/payouts").json().at("/items");
    assertThat(payouts.findValuesAsText("status")).isNotEmpty().containsOnly("RECONCILED");

    // The finance pages and the order's Money section show the same ledger.
    Http console = new Http(port);
    assertThat(console.signIn(seller.tenant.adminEmail(), TestTenants.PASSWORD)
        .status()).isEqualTo(302);
    String finance = console.get("/finance").body();
    assertThat(finance).contains("data-testid=\"invoices\"").contains("1,000.00 USD").contains("data-testid=\"totals\"");
    assertThat(console.get("/finance?status=OVERDUE").body()).contains("data-testid=\"no-match\"");
    assertThat(console.get("/finance/invoices.csv").body()).contains("invoice_id,order_id");
    String payoutId = payouts.get(0).at("/payoutId").asText();
    assertThat(console.get("/finance/payouts").body()).contains("data-payout=\"" + payoutId + "\"");
    String payoutPage = console.get("/finance/payouts/" + payoutId).body();
    assertThat(payoutPage).contains("RECONCILED").contains("SELLER_REV_SHARE").contains("AWS_REV_SHARE");
    assertThat(console.get("/finance/exceptions").status()).isEqualTo(200);
    String orderId = invoices(seller, "").get(0).at("/orderId").asText();
    assertThat(console.get("/orders/" + orderId).body()).contains("data-testid=\"order-money\"")
        .contains("2,000.00 USD");
  }

  private long agreementAndOfferRows(ConnectedSeller seller) {
    return jdbc.sql("""
        SELECT (SELECT count(*) FROM finance_agreement WHERE organization_id = ?)
          + (SELECT count(*) FROM finance_offer WHERE organization_id = ?)""")
        .params(seller.tenant.organizationId(), seller.tenant.organizationId()).query(Long.class).single();
  }

  private ConnectedSeller connected(String name) {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), name);
    Http.Response saved = seller.api.putJson("/api/v1/marketplace/data-feeds",
        Map.of("bucket", "sandbox-datafeeds-" + seller.account.accountId()));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    return seller;
  }

  private static void terms(Http market, String buyer, int netDays, String payment) {
    Http.Response r = market.putJson("/sandbox/accounts/" + buyer + "/payment-terms",
        Map.of("method", "INVOICE", "netDays", netDays, "payment", payment));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  /** Publishes a direct offer with the schedule, has the buyer accept it; answers the order's ID. */
  private String accepted(ConnectedSeller seller, Http market, String buyer, String name,
      List<Map<String, String>> schedule) {
    LocalDate today = today();
    BigDecimal total = schedule.stream().map(c -> new BigDecimal(c.get("amount"))).reduce(BigDecimal.ZERO, BigDecimal::add);
    Http.Response created = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", name, "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(1).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 10, "unitPrice", total.divide(BigDecimal.TEN).toPlainString())),
        "paymentSchedule", schedule));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String offerId = created.json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    String marketplaceOfferId = seller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText();
    Http.Response accepted = market.postJson("/sandbox/offers/" + marketplaceOfferId + "/accept",
        Map.of("buyerAccountId", buyer));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    String agreementId = accepted.json().at("/agreementId").asText();
    String[] orderId = new String[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode items = seller.api.get("/api/v1/orders?q=" + agreementId).json().at("/items");
      orderId[0] = items.isEmpty() ? null : items.get(0).at("/id").asText();
      return orderId[0] != null;
    });
    return orderId[0];
  }

  /** Today on the sandbox's clock, which the platform follows (other tests may have moved it). */
  private LocalDate today() {
    return LocalDate.ofInstant(java.time.Instant.parse(new Http(sandbox.endpoint().toString()).get("/sandbox/clock")
        .json().at("/now").asText()), ZoneOffset.UTC);
  }

  private static void advance(Http market, String duration) {
    Http.Response moved = market.postJson("/sandbox/clock/advance", Map.of("duration", duration));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
  }

  /** Asks for a sync and waits until it is done; answers its status. */
  private static JsonNode sync(ConnectedSeller seller) {
    Http.Response started = seller.api.postJson("/api/v1/finance/sync", Map.of());
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().at("/syncId").asText();
    JsonNode[] status = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
      status[0] = seller.api.get("/api/v1/finance/syncs/" + id).json();
      return status[0].at("/status").asText().matches("DONE|FAILED");
    });
    assertThat(status[0].at("/status").asText()).as(status[0].toString()).isEqualTo("DONE");
    return status[0];
  }

  private static List<JsonNode> invoices(ConnectedSeller seller, String query) {
    List<JsonNode> items = new ArrayList<>();
    seller.api.get("/api/v1/finance/invoices?" + query).json().at("/items").forEach(items::add);
    return items;
  }
}
