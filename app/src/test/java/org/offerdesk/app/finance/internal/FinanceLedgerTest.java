package org.offerdesk.app.finance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.marketplace.MarketplaceDataFeeds;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxClockTest;
import org.offerdesk.app.support.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The money of orders from the seller data feeds, against the embedded sandbox, moving its clock forward
 * only (every time relative to now): installments invoiced, collected and paid out until both payouts
 * reconcile, the second paused by an invalid bank account and matched to a deposit uploaded before the feed
 * brought it; a buyer who never pays; a fee the rules do not give; a late, a header-only and a duplicated feed
 * day; the notices and webhooks of it all; the finance pages in a browser; a sync that dies half-way; and
 * another organization that sees none of it. Channel deals and unknown agreements are in
 * {@link FinanceChannelTest}.
 */
@SandboxClockTest
class FinanceLedgerTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired FeedSync feedSync;
  @Autowired Reconciliation reconciliation;
  @Autowired LedgerStore ledgerStore;
  @Autowired java.time.Clock clock;
  @Autowired SyncStore syncStore;
  @Autowired FeedRowStore feedRows;
  @Autowired org.springframework.transaction.support.TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  @Autowired MarketplaceDataFeeds feeds;
  FinanceWorld world;

  @BeforeEach
  void world() {
    world = new FinanceWorld(sandbox.endpoint().toString());
  }

  @Test
  void installments_become_reconciled_payouts_and_an_unpaid_invoice_becomes_overdue() throws Exception {
    ConnectedSeller seller = connected("Ledger Co");
    WebhookReceiver hooks = new WebhookReceiver();
    Http.Response endpoint = seller.api.postJson("/api/v1/webhooks", Map.of("url", hooks.url(), "events",
        List.of("invoice.issued", "invoice.collected", "invoice.overdue", "payout.received", "order.reconciled")));
    assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
    hooks.secret(endpoint.json().at("/secret").asText());
    LocalDate today = world.today();
    String payer = seller.sandbox.buyer("Prompt Payer");
    String never = seller.sandbox.buyer("Never Payer");
    world.terms(payer, 30, "IMMEDIATELY");
    world.terms(never, 0, "NEVER");
    String paying = world.accepted(seller, payer, "Ledger 2027", List.of(
        Map.of("dueOn", today.plusDays(1).toString(), "amount", "6000.00"),
        Map.of("dueOn", today.plusDays(20).toString(), "amount", "4000.00")));
    String unpaid = world.accepted(seller, never, "Unpaid 2027", List.of(
        Map.of("dueOn", today.plusDays(1).toString(), "amount", "2500.00")));

    // Day by day, with a late, a header-only and a duplicated delivery, syncing after each.
    world.faults(Map.of("lateFeedDeliveries", 1, "headerOnlyFeedDeliveries", 1, "duplicateFeedDeliveries", 1));
    List<JsonNode> runs = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      world.advance("P1D");
      runs.add(FinanceWorld.sync(seller.api));
    }
    JsonNode first = FinanceWorld.invoices(seller.api, "orderId=" + paying).get(0);
    assertThat(first.at("/variant").asText()).isEqualTo("PURCHASE");
    assertThat(first.at("/amount").asText()).isEqualTo("6000.00");
    assertThat(first.at("/listingFee").asText()).isEqualTo("180.00");
    assertThat(first.at("/expectedListingFee").asText()).isEqualTo("180.00");
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

    JsonNode overdue = FinanceWorld.invoices(seller.api, "orderId=" + unpaid).get(0);
    assertThat(overdue.at("/status").asText()).isEqualTo("OVERDUE");
    assertThat(overdue.at("/amount").asText()).isEqualTo("2500.00");
    assertThat(FinanceWorld.exceptions(seller.api, "INVOICE_OVERDUE")).hasSize(1);

    // The first payout's deposit, uploaded in the browser, is matched by its bank trace ID.
    JsonNode firstPayout = seller.api.get("/api/v1/finance/payouts").json().at("/items/0");
    assertThat(firstPayout.at("/amount").asText()).isEqualTo("5820.00");
    try (Browser browser = new Browser(port)) {
      browser.signInTo("/finance/bank-statements", seller.tenant.adminEmail(), seller.tenant.adminPassword());
      Path statement = Files.createTempFile("statement", ".csv");
      Files.writeString(statement, "Date,Amount,Reference\n" + firstPayout.at("/paidOn").asText()
          + ",5820.00,AWS MARKETPLACE " + firstPayout.at("/bankTraceId").asText() + "\n");
      browser.find("[data-testid=file]").sendKeys(statement.toString());
      browser.click("[data-testid=upload-button]");
      browser.awaitPath("/finance/bank-statements/");
      assertThat(browser.text("[data-testid=matched-count]")).isEqualTo("1");
      assertThat(browser.text("[data-testid=deposits]")).contains(firstPayout.at("/payoutId").asText())
          .contains("by bank trace ID");
      Files.delete(statement);
    }
    assertThat(seller.api.get("/api/v1/finance/payouts/" + firstPayout.at("/payoutId").asText()).json()
        .at("/bankMatched").asBoolean()).isTrue();

    // The second installment is collected while the seller's bank account is invalid: payouts pause.
    world.bankAccountValid(seller.account.accountId(), false);
    world.advance("P20D");
    FinanceWorld.sync(seller.api);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
        !FinanceWorld.exceptions(seller.api, "DISBURSEMENT_PAUSED").isEmpty());
    JsonNode paused = FinanceWorld.exceptions(seller.api, "DISBURSEMENT_PAUSED").get(0);
    assertThat(paused.at("/status").asText()).isEqualTo("OPEN");
    assertThat(paused.at("/detail").asText()).contains("INVALID_BANK_ACCOUNT");
    assertThat(seller.api.get("/api/v1/finance/payouts").json().at("/items")).hasSize(1);

    // Fixed: the next run pays. Its deposit is on the bank statement before the feed brings the payout.
    world.bankAccountValid(seller.account.accountId(), true);
    // (paid at the next midnight; the feed delivers a day's rows at the midnight after)
    world.advance("P2D");
    Http.Response early = seller.api.postRaw("/api/v1/finance/bank-statements?fileName=early.csv", "text/csv",
        "Date,Amount,Reference\n" + world.today() + ",3880.00,AWS MARKETPLACE\n");
    assertThat(early.status()).as(early.body()).isEqualTo(201);
    assertThat(early.json().at("/matched").asInt()).isZero();
    FinanceWorld.sync(seller.api);
    JsonNode again = FinanceWorld.sync(seller.api);
    assertThat(again.at("/rowsRead").asLong()).isZero();
    JsonNode payouts = seller.api.get("/api/v1/finance/payouts").json().at("/items");
    assertThat(payouts).hasSize(2);
    for (JsonNode p : payouts) {
      assertThat(p.at("/status").asText()).isEqualTo("RECONCILED");
      assertThat(p.at("/difference").asText()).isEqualTo("0.00");
      assertThat(p.at("/bankTraceId").asText()).isNotBlank();
      // the second one matched, after the sync, the deposit uploaded before it
      assertThat(p.at("/bankMatched").asBoolean()).as(p.toString()).isTrue();
    }
    assertThat(payouts.findValuesAsText("amount")).containsExactlyInAnyOrder("5820.00", "3880.00");
    assertThat(seller.api.get(early.header("Location").replaceFirst("^https?://[^/]+", "")).json()
        .at("/deposits/0/matchedBy").asText()).isEqualTo("AMOUNT_AND_DATE");
    assertThat(FinanceWorld.exceptions(seller.api, "DISBURSEMENT_PAUSED").get(0).at("/resolution").asText())
        .isEqualTo("CLEARED");
    JsonNode payout = seller.api.get("/api/v1/finance/payouts/" + payouts.get(0).at("/payoutId").asText()).json();
    assertThat(payout.at("/lines")).isNotEmpty();
    assertThat(payout.at("/lines").findValuesAsText("orderId")).containsOnly(paying);
    assertThat(payout.at("/lines").findValuesAsText("type")).contains("SELLER_REV_SHARE", "AWS_REV_SHARE");
    // The lines a page at a time, in the same order, to the last; a cursor the API did not hand out is refused.
    String payoutPath = "/api/v1/finance/payouts/" + payouts.get(0).at("/payoutId").asText();
    assertThat(payout.has("linesNextCursor")).isFalse();
    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = seller.api.get(payoutPath + "?limit=1" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      assertThat(page.at("/lines")).hasSize(1);
      paged.addAll(page.at("/lines").findValuesAsText("billingEventId"));
      cursor = page.has("linesNextCursor") ? page.at("/linesNextCursor").asText() : null;
    } while (cursor != null);
    assertThat(paged).containsExactlyElementsOf(payout.at("/lines").findValuesAsText("billingEventId"));
    assertThat(seller.api.get(payoutPath + "?cursor=not-a-cursor").status()).isEqualTo(400);

    JsonNode money = seller.api.get("/api/v1/orders/" + paying).json().at("/money");
    assertThat(money.at("/contractValue").asText()).isEqualTo("10000.00");
    assertThat(money.at("/invoiced").asText()).isEqualTo("10000.00");
    assertThat(money.at("/listingFees").asText()).isEqualTo("300.00");
    assertThat(money.at("/disbursed").asText()).isEqualTo("9700.00");
    assertThat(money.at("/outstanding").asText()).isEqualTo("0.00");
    assertThat(money.at("/scheduled").asText()).isEqualTo("0.00");
    assertThat(money.at("/currency").asText()).isEqualTo("USD");
    assertThat(money.has("wholesaleCost")).isFalse();

    JsonNode summary = seller.api.get("/api/v1/finance/summary?from=" + today + "&to=" + today.plusDays(30)).json();
    assertThat(summary.at("/totals/0/invoiced").asText()).isEqualTo("12500.00");
    assertThat(summary.at("/totals/0/overdue").asText()).isEqualTo("2500.00");
    assertThat(seller.api.get("/api/v1/finance/invoices/export").body()).contains("invoice_id,order_id");
    // The status and variant filters, on the value their partial indexes leave out (V178) and on the others.
    JsonNode all = seller.api.get("/api/v1/finance/invoices?limit=200").json().at("/items");
    for (String filter : List.of("status", "variant")) {
      for (String value : List.of("DISBURSED", "OVERDUE", "INVOICED", "REFUNDED", "PURCHASE", "RESALE", "LISTING_FEE")) {
        List<String> expected = new ArrayList<>();
        all.forEach(i -> {
          if (i.at("/" + filter).asText().equals(value)) {
            expected.add(i.at("/invoiceId").asText());
          }
        });
        assertThat(seller.api.get("/api/v1/finance/invoices?limit=200&" + filter + "=" + value).json().at("/items")
            .findValuesAsText("invoiceId")).as(filter + "=" + value).containsExactlyElementsOf(expected);
      }
    }
    assertThat(all.findValuesAsText("status")).contains("DISBURSED", "OVERDUE");

    // An explained exception stays resolved, with who and why.
    String overdueId = FinanceWorld.exceptions(seller.api, "INVOICE_OVERDUE").get(0).at("/id").asText();
    Http.Response explained = seller.api.postJson("/api/v1/finance/exceptions/" + overdueId + "/resolve",
        Map.of("action", "EXPLAIN", "note", "Buyer pays by wire next week"));
    assertThat(explained.status()).as(explained.body()).isEqualTo(200);
    assertThat(explained.json().at("/resolution").asText()).isEqualTo("EXPLAINED");
    assertThat(seller.api.postJson("/api/v1/finance/exceptions/" + overdueId + "/resolve",
        Map.of("action", "EXPLAIN", "note", "again")).status()).isEqualTo(409);

    // The marketplace's feed charges the unpaid invoice twice its fee (as a corrected fee row would): the fee
    // check flags the difference with the listing fee rules.
    jdbc.sql("""
        UPDATE finance_billing_event SET amount = amount * 2 WHERE organization_id = ? AND invoice_id = ?
          AND transaction_type = 'AWS_REV_SHARE' AND action = 'INVOICED'""")
        .params(seller.tenant.organizationId(), overdue.at("/invoiceId").asText()).update();
    // (a row changed behind the feed reader's back: a sync that reads nothing new would not recompute)
    reconciliation.reconcile(seller.tenant.organizationId());
    JsonNode mismatch = FinanceWorld.exceptions(seller.api, "FEE_MISMATCH").get(0);
    assertThat(mismatch.at("/subject").asText()).isEqualTo(overdue.at("/invoiceId").asText());
    assertThat(mismatch.at("/detail").asText()).contains("150.00").contains("75.00");

    // Finance heard of each, in the inbox; the ISV's systems by webhook, signed.
    Http admin = FinanceWorld.signedIn(port, seller.tenant.adminEmail(), seller.tenant.adminPassword());
    FinanceWorld.awaitNotified(admin, "PAYOUT_RECEIVED", "INVOICE_OVERDUE", "DISBURSEMENT_PROBLEM", "FEE_MISMATCH");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
        hooks.ofType("payout.received").size() == 2 && hooks.ofType("order.reconciled").size() == 2
            && hooks.ofType("invoice.overdue").size() == 1 && hooks.ofType("invoice.collected").size() >= 2
            && hooks.ofType("invoice.issued").size() >= 3);
    assertThat(hooks.received()).allMatch(WebhookReceiver.Received::signatureValid);
    assertThat(hooks.ofType("order.reconciled")).extracting(r -> r.event().at("/data/orderId").asText())
        .containsOnly(paying);
    assertThat(hooks.ofType("invoice.overdue")).extracting(r -> r.event().at("/data/invoiceId").asText())
        .containsExactly(overdue.at("/invoiceId").asText());
    assertThat(hooks.ofType("payout.received")).extracting(r -> r.event().at("/data/amount").asText())
        .containsExactlyInAnyOrder("5820.00", "3880.00");
    hooks.close();

    // In the browser: the period's totals, the charts, the invoices found by search, a payout's lines, and
    // the fee mismatch explained.
    try (Browser browser = new Browser(port)) {
      browser.signInTo("/finance?from=" + today + "&to=" + today.plusDays(30), seller.tenant.adminEmail(),
          seller.tenant.adminPassword());
      assertThat(browser.text("[data-testid=totals]")).contains("12,500.00").contains("2,500.00");
      assertThat(browser.has("svg[data-testid=monthly-chart] rect.money-invoiced")).isTrue();
      assertThat(browser.has("svg[data-testid=overdue-chart] rect.money-overdue")).isTrue();
      browser.type("[data-testid=filters] input[name=q]", overdue.at("/invoiceId").asText());
      browser.click("[data-testid=filters] button[type=submit]");
      // The search stays on /finance: wait for its own URL, not the page it was typed on.
      browser.awaitPathContaining("q=");
      assertThat(browser.has("[data-invoice='" + first.at("/invoiceId").asText() + "']")).isFalse();
      assertThat(browser.text("[data-testid=invoices]")).contains(overdue.at("/invoiceId").asText()).contains("OVERDUE");
      browser.open("/finance/payouts");
      browser.click("[data-payout='" + firstPayout.at("/payoutId").asText() + "'] a");
      browser.awaitPath("/finance/payouts/");
      assertThat(browser.text("[data-testid=payout-lines]")).contains("SELLER_REV_SHARE").contains("AWS_REV_SHARE");
      browser.open("/finance/exceptions");
      String row = "tr[data-exception='" + mismatch.at("/id").asText() + "']";
      browser.type(row + " input[name=note]", "Fee corrected by AWS support case 42");
      browser.clickToLoad(row + " button[type=submit]"); // the page it leaves has the same row, still open
      browser.awaitPath("/finance/exceptions");
      assertThat(browser.text(row)).contains("RESOLVED").contains("EXPLAINED: Fee corrected by AWS support case 42");
    }

    // Another organization sees none of it.
    ConnectedSeller other = connected("Other Ledger Co");
    assertThat(other.api.get("/api/v1/finance/invoices").json().at("/items")).isEmpty();
    assertThat(other.api.get("/api/v1/finance/payouts/" + payouts.get(0).at("/payoutId").asText()).status())
        .isEqualTo(404);
    assertThat(other.api.get("/api/v1/finance/syncs/" + runs.get(0).at("/syncId").asText()).status()).isEqualTo(404);
    assertThat(other.api.postJson("/api/v1/finance/exceptions/" + overdueId + "/resolve",
        Map.of("action", "EXPLAIN", "note", "x")).status()).isEqualTo(404);
    assertThat(other.api.get("/api/v1/finance/invoices?orderId=" + paying).json().at("/items")).isEmpty();
    assertThat(FinanceWorld.signedIn(port, other.tenant.adminEmail(), other.tenant.adminPassword())
        .get("/api/v1/notifications?limit=100").json().at("/items").findValuesAsText("type"))
        .doesNotContain("PAYOUT_RECEIVED", "FEE_MISMATCH");
  }

  @Test
  void a_large_first_reconciliation_writes_its_invoices_in_two_halves_as_one_statement_would() {
    ConnectedSeller seller = connected("Halves Co");
    LocalDate today = world.today();
    for (String name : List.of("Halves 2027", "Halves 2028")) {
      String payer = seller.sandbox.buyer(name + " Payer");
      world.terms(payer, 30, "IMMEDIATELY");
      List<Map<String, String>> schedule = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        schedule.add(Map.of("dueOn", today.plusDays(i).toString(), "amount", (1000 * i) + ".00"));
      }
      world.accepted(seller, payer, name, schedule);
    }
    world.advance("P6D");
    UUID org = seller.tenant.organizationId();

    // The first reconciliation of a month past the threshold: half of the invoices on another connection.
    reconciliation.splitFrom = 0;
    try {
      FinanceWorld.sync(seller.api);
    } finally {
      reconciliation.splitFrom = Reconciliation.SPLIT_FIRST_RECOMPUTE_ROWS;
    }
    List<Map<String, Object>> halves = invoiceRows(org);
    assertThat(halves).hasSizeGreaterThanOrEqualTo(8).allSatisfy(i -> assertThat(i.get("order_id")).isNotNull());

    // The same ledger from the one statement (a first reconciliation below the threshold) ...
    jdbc.sql("DELETE FROM finance_invoice WHERE organization_id = ?").param(org).update();
    reconciliation.reconcile(org);
    assertThat(invoiceRows(org)).isEqualTo(halves);
    // ... and from the two halves' statements alone, whichever half each invoice falls in.
    jdbc.sql("DELETE FROM finance_invoice WHERE organization_id = ?").param(org).update();
    LocalDate day = LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    assertThat(ledgerStore.firstInvoicesHalf(org, day, clock.instant(), 0)
        + ledgerStore.firstInvoicesHalf(org, day, clock.instant(), 1)).isEqualTo(halves.size());
    assertThat(invoiceRows(org)).isEqualTo(halves);
  }

  /** The organization's invoices, every column but the time they were written. */
  private List<Map<String, Object>> invoiceRows(UUID org) {
    return jdbc.sql("""
        SELECT invoice_id, agreement_id, order_id, variant, invoiced_on, due_on, currency, amount, listing_fee,
          expected_listing_fee, refunded, net, collected, disbursed, payout_id, status, side, resale_authorization_id
        FROM finance_invoice WHERE organization_id = ? ORDER BY invoice_id""").param(org).query().listOfRows();
  }

  @Test
  void a_sync_that_dies_after_some_batches_resumes_without_losing_or_doubling_a_row() {
    ConnectedSeller seller = connected("Restart Co");
    LocalDate today = world.today();
    String payer = seller.sandbox.buyer("Restart Payer");
    world.terms(payer, 30, "IMMEDIATELY");
    world.accepted(seller, payer, "Restart 2027", List.of(
        Map.of("dueOn", today.plusDays(1).toString(), "amount", "1000.00"),
        Map.of("dueOn", today.plusDays(2).toString(), "amount", "1000.00")));
    world.advance("P4D");
    UUID org = seller.tenant.organizationId();

    // One run dies between two files (after the first whole file), the next in the middle of a file (after
    // its third batch of two rows), as a process killed between two commits would.
    UUID betweenFiles = UUID.randomUUID();
    syncStore.create(org, betweenFiles, "REQUEST", java.time.Instant.now());
    assertThatThrownBy(() -> feedSync.readAll(org, betweenFiles, 100_000, batches -> batches == 1))
        .isInstanceOf(FeedSync.Interrupted.class);
    UUID dying = UUID.randomUUID();
    syncStore.create(org, dying, "REQUEST", java.time.Instant.now());
    assertThatThrownBy(() -> feedSync.readAll(org, dying, 2, batches -> batches == 3))
        .isInstanceOf(FeedSync.Interrupted.class);
    long readBefore = syncStore.find(org, betweenFiles).orElseThrow().rowsRead()
        + syncStore.find(org, dying).orElseThrow().rowsRead();
    assertThat(syncStore.find(org, betweenFiles).orElseThrow().files()).isEqualTo(1);
    assertThat(syncStore.find(org, dying).orElseThrow().rowsRead()).isPositive();

    JsonNode rest = FinanceWorld.sync(seller.api);
    // Every row was read exactly once over the three runs, and every file to its end.
    long fileRows = jdbc.sql("SELECT sum(rows_read) FROM finance_feed_file WHERE organization_id = ?").param(org)
        .query(Long.class).single();
    assertThat(readBefore + rest.at("/rowsRead").asLong()).isEqualTo(fileRows);
    for (FeedTable feed : FeedTable.values()) {
      for (var file : feeds.list(org, feed.folder())) {
        assertThat(jdbc.sql("SELECT read_to FROM finance_feed_file WHERE organization_id = ? AND object_key = ?")
            .params(org, file.key()).query(Long.class).single()).as(file.key()).isEqualTo(file.size());
      }
    }
    assertThat(FinanceWorld.invoices(seller.api, "")).hasSize(2);
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
    String orderId = FinanceWorld.invoices(seller.api, "").get(0).at("/orderId").asText();
    assertThat(console.get("/orders/" + orderId).body()).contains("data-testid=\"order-money\"")
        .contains("2,000.00 USD");
    assertThat(finance).contains("data-testid=\"monthly-chart\"");
    // Net revenue (invoiced less listing fees) in the orders and offers tables.
    assertThat(console.get("/orders").body()).contains("data-testid=\"net-revenue\"").contains("1,940.00 USD");
    assertThat(console.get("/offers").body()).contains("data-testid=\"net-revenue\"").contains("1,940.00 USD");
  }

  @Test
  void the_read_ahead_has_the_next_two_files_read_while_the_first_is_written() {
    ConnectedSeller seller = connected("Read Ahead Co");
    LocalDate today = world.today();
    String payer = seller.sandbox.buyer("Read Ahead Payer");
    world.terms(payer, 30, "IMMEDIATELY");
    world.accepted(seller, payer, "Read Ahead 2027", List.of(
        Map.of("dueOn", today.plusDays(1).toString(), "amount", "1000.00")));
    world.advance("P3D");
    UUID org = seller.tenant.organizationId();
    // the files the read opens, in turn (a batch a file: each file's first batch is read when it is opened)
    List<String> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    MarketplaceDataFeeds recorded = new MarketplaceDataFeeds() {
      @Override
      public java.util.Optional<FeedBucket> bucket(UUID organizationId) {
        return feeds.bucket(organizationId);
      }

      @Override
      public List<FeedObject> list(UUID organizationId, String feed) {
        return feeds.list(organizationId, feed);
      }

      @Override
      public java.io.InputStream read(UUID organizationId, String key, long fromByte) {
        opened.add(key);
        return feeds.read(organizationId, key, fromByte);
      }
    };
    FeedSync twoAhead = new FeedSync(recorded, feedRows, syncStore, tx, clock, 100_000, 2);
    UUID id = UUID.randomUUID();
    syncStore.create(org, id, "REQUEST", java.time.Instant.now());

    // While the first file's batch is written (held here), the read ahead reads the next file and the one after it.
    assertThatThrownBy(() -> twoAhead.readAll(org, id, 100_000, batches -> {
      await().atMost(Duration.ofSeconds(30)).until(() -> opened.size() >= 3);
      return true;
    })).isInstanceOf(FeedSync.Interrupted.class);
    assertThat(opened).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();

    // The same run again reads the rest to the end, each row once.
    UUID rest = UUID.randomUUID();
    syncStore.create(org, rest, "REQUEST", java.time.Instant.now());
    twoAhead.readAll(org, rest, 2, FeedSync.Interruption.NONE);
    long fileRows = jdbc.sql("SELECT sum(rows_read) FROM finance_feed_file WHERE organization_id = ?").param(org)
        .query(Long.class).single();
    assertThat(syncStore.find(org, id).orElseThrow().rowsRead() + syncStore.find(org, rest).orElseThrow().rowsRead())
        .isEqualTo(fileRows);
  }

  @Test
  void a_sync_links_its_agreements_to_their_orders_once_their_feed_is_written_before_the_billing_rows() {
    ConnectedSeller seller = connected("Links Ahead Co");
    LocalDate today = world.today();
    String payer = seller.sandbox.buyer("Links Ahead Payer");
    world.terms(payer, 30, "IMMEDIATELY");
    String orderId = world.accepted(seller, payer, "Links Ahead 2027", List.of(
        Map.of("dueOn", today.plusDays(1).toString(), "amount", "1000.00")));
    world.advance("P3D");
    UUID org = seller.tenant.organizationId();

    // The read hands over when the agreement feed is written: no billing row read yet, the link made meanwhile.
    UUID id = UUID.randomUUID();
    syncStore.create(org, id, "REQUEST", java.time.Instant.now());
    List<Long> billingRowsThen = new ArrayList<>();
    LinksAhead ahead = new LinksAhead(reconciliation, org);
    feedSync.readAll(org, id, 100_000, FeedSync.Interruption.NONE, () -> {
      billingRowsThen.add(jdbc.sql("SELECT count(*) FROM finance_billing_event WHERE organization_id = ?").param(org)
          .query(Long.class).single());
      ahead.start();
    });
    assertThat(ahead.await()).isEqualTo(1);
    assertThat(billingRowsThen).containsExactly(0L);
    assertThat(jdbc.sql("SELECT order_id FROM finance_agreement_order WHERE organization_id = ?").param(org)
        .query(UUID.class).list()).containsExactly(UUID.fromString(orderId));
    assertThat(jdbc.sql("SELECT count(*) FROM finance_billing_event WHERE organization_id = ?").param(org)
        .query(Long.class).single()).isPositive();

    // The reconciliation after it finds the link made: the invoice names its order, no exception is opened.
    reconciliation.reconcileAfterSync(org);
    assertThat(FinanceWorld.invoices(seller.api, "")).isNotEmpty()
        .allSatisfy(i -> assertThat(i.at("/orderId").asText()).isEqualTo(orderId));
    assertThat(FinanceWorld.exceptions(seller.api, "UNKNOWN_AGREEMENT")).isEmpty();
  }

  private long agreementAndOfferRows(ConnectedSeller seller) {
    return jdbc.sql("""
        SELECT (SELECT count(*) FROM finance_agreement WHERE organization_id = ?)
          + (SELECT count(*) FROM finance_offer WHERE organization_id = ?)""")
        .params(seller.tenant.organizationId(), seller.tenant.organizationId()).query(Long.class).single();
  }

  private ConnectedSeller connected(String name) {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), name);
    FinanceWorld.feeds(seller.api, seller.account.accountId());
    return seller;
  }
}
