package org.offerdesk.app.finance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedReseller;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.MarketplacePortal;
import org.offerdesk.app.support.SandboxClockTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The ledger of money OfferDesk did not sell by itself, against the embedded sandbox, moving its clock: a
 * channel partner deal seen by the ISV (its wholesale revenue and its fee with the CPPO surcharge, never the
 * buyer's price) and by the reseller (the buyer's price, its wholesale cost and its margin), each linked to the
 * resale authorization; and an agreement the feeds bring before OfferDesk has its order, paid out a cent off,
 * that links by itself once the offer is associated and the order exists.
 */
@SandboxClockTest
class FinanceChannelTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  FinanceWorld world;

  @BeforeEach
  void world() {
    world = new FinanceWorld(sandbox.endpoint().toString());
  }

  @Test
  void a_channel_deal_shows_the_isv_its_wholesale_and_the_reseller_its_price_cost_and_margin() {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Channel Ledger ISV");
    ConnectedReseller reseller = new ConnectedReseller(context, port, sandbox.endpoint(), "Channel Ledger Reseller");
    FinanceWorld.feeds(isv.api, isv.account.accountId());
    FinanceWorld.feeds(reseller.api, reseller.account.accountId());
    LocalDate today = world.today();
    String buyer = isv.sandbox.buyer("Channel Ledger Buyer");
    world.terms(buyer, 30, "IMMEDIATELY");

    // The ISV grants the authorization through OfferDesk; the reseller sells on it with a 10% markup.
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("productId", isv.productId);
    draft.put("resellerAccountId", reseller.account.accountId());
    draft.put("name", "Wholesale for the ledger");
    draft.put("description", "Seats at wholesale");
    draft.put("currency", "USD");
    draft.put("pricing", Map.of("durationMonths", 12, "dimensions", List.of(Map.of("key", "Seats", "wholesalePrice", "900.00"))));
    draft.put("buyerAccountIds", List.of(buyer));
    draft.put("availability", Map.of("type", "SINGLE_USE", "endsOn", today.plusDays(60).toString()));
    draft.put("renewal", false);
    draft.put("eula", Map.of("type", "STANDARD"));
    draft.put("resellerContract", Map.of("type", "CUSTOM", "url", "https://isv.example/reseller-terms.pdf"));
    Http.Response granted = isv.api.postJson("/api/v1/resale-authorizations", draft);
    assertThat(granted.status()).as(granted.body()).isEqualTo(201);
    String grantId = granted.json().at("/id").asText();
    isv.api.postJson("/api/v1/resale-authorizations/" + grantId + "/publish", Map.of());
    String[] raId = new String[1];
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode ra = isv.api.get("/api/v1/resale-authorizations/" + grantId).json();
      raId[0] = ra.at("/marketplaceResaleAuthorizationId").asText(null);
      return "AUTHORIZED".equals(ra.at("/status").asText());
    });
    Http.Response offer = reseller.api.postJson("/api/v1/offers", Map.of("type", "PARTNER", "resaleAuthorizationId",
        raId[0], "name", "Ledger via the channel", "buyerAccountIds", List.of(buyer), "markupPercent", "10.0",
        "expiresOn", today.plusDays(5).toString()));
    assertThat(offer.status()).as(offer.body()).isEqualTo(201);
    String offerId = offer.json().at("/id").asText();
    reseller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    String agreementId = world.accept(reseller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText(), buyer);
    String isvOrder = FinanceWorld.awaitOrder(isv.api, agreementId);
    String resellerOrder = FinanceWorld.awaitOrder(reseller.api, agreementId);

    world.advance("P2D");
    FinanceWorld.sync(isv.api);
    FinanceWorld.sync(reseller.api);

    // The ISV: its wholesale invoice with the listing fee of a channel deal (3% + 0.5%), and no buyer's price.
    List<JsonNode> isvInvoices = FinanceWorld.invoices(isv.api, "orderId=" + isvOrder);
    assertThat(isvInvoices).singleElement().satisfies(i -> {
      assertThat(i.at("/variant").asText()).isEqualTo("RESALE");
      assertThat(i.at("/side").asText()).isEqualTo("SELLING");
      assertThat(i.at("/amount").asText()).isEqualTo("900.00");
      assertThat(i.at("/listingFee").asText()).isEqualTo("31.50");
      assertThat(i.at("/expectedListingFee").asText()).isEqualTo("31.50");
      assertThat(i.at("/resaleAuthorizationId").asText()).isEqualTo(raId[0]);
    });
    assertThat(isv.api.get("/api/v1/finance/invoices").body()).doesNotContain("990.00");
    assertThat(FinanceWorld.exceptions(isv.api, "FEE_MISMATCH")).isEmpty();
    JsonNode isvMoney = isv.api.get("/api/v1/orders/" + isvOrder).json().at("/money");
    assertThat(isvMoney.at("/invoiced").asText()).isEqualTo("900.00");
    assertThat(isvMoney.at("/listingFees").asText()).isEqualTo("31.50");
    assertThat(isvMoney.has("margin")).isFalse();
    assertThat(isvMoney.toString()).doesNotContain("990");

    // The reseller: the buyer's invoice, its wholesale invoice as its cost, and its margin; no fee of its own.
    List<JsonNode> resellerInvoices = FinanceWorld.invoices(reseller.api, "orderId=" + resellerOrder);
    assertThat(resellerInvoices).extracting(i -> i.at("/variant").asText() + " " + i.at("/side").asText() + " "
        + i.at("/amount").asText()).containsExactlyInAnyOrder("PURCHASE SELLING 990.00", "RESALE BUYING -900.00");
    assertThat(resellerInvoices).allSatisfy(i -> assertThat(i.at("/resaleAuthorizationId").asText()).isEqualTo(raId[0]));
    assertThat(FinanceWorld.exceptions(reseller.api, "FEE_MISMATCH")).isEmpty();
    JsonNode resellerMoney = reseller.api.get("/api/v1/orders/" + resellerOrder).json().at("/money");
    assertThat(resellerMoney.at("/invoiced").asText()).isEqualTo("990.00");
    assertThat(resellerMoney.at("/wholesaleCost").asText()).isEqualTo("900.00");
    assertThat(resellerMoney.at("/listingFees").asText()).isEqualTo("0.00");
    assertThat(resellerMoney.at("/margin").asText()).isEqualTo("90.00");

    // Each one's pages: the invoice links to the authorization, the orders table shows what each keeps.
    Http isvConsole = new Http(port);
    assertThat(isvConsole.signIn(isv.tenant.adminEmail(), isv.tenant.adminPassword()).status()).isEqualTo(302);
    assertThat(isvConsole.get("/finance").body()).contains("href=\"/partners/resale-authorizations/" + grantId + "\"");
    assertThat(isvConsole.get("/orders").body()).contains("868.50 USD");
    Http resellerConsole = new Http(port);
    assertThat(resellerConsole.signIn(reseller.tenant.adminEmail(), reseller.tenant.adminPassword()).status())
        .isEqualTo(302);
    assertThat(resellerConsole.get("/finance").body()).contains("href=\"/partners/opportunities/" + raId[0] + "\"")
        .contains("(your cost)");
    assertThat(resellerConsole.get("/orders").body()).contains("90.00 USD");
    assertThat(resellerConsole.get("/orders/" + resellerOrder).body()).contains("data-testid=\"money-margin\"");
  }

  @Test
  void an_agreement_without_an_order_waits_in_the_queue_and_links_once_the_offer_is_associated() throws Exception {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Unknown Agreement Co");
    FinanceWorld.feeds(seller.api, seller.account.accountId());
    UUID org = seller.tenant.organizationId();
    JobHandler sweep = context.getBeansOfType(JobHandler.class).values().stream()
        .filter(h -> h.kind().equals("orders.agreement-sweep")).findFirst().orElseThrow();
    String buyer = seller.sandbox.buyer("Portal Buyer");
    world.terms(buyer, 30, "IMMEDIATELY");
    LocalDate today = world.today();
    // The offer is made in the marketplace's portal; its events are lost for the length of the test (the
    // agreement sweep, which would find the agreement, is not due for minutes); its payout is a cent off.
    world.faults(Map.of("eventDelayMillis", Duration.ofDays(365).toMillis(), "payoutsOffByACent", 1,
        "payoutOffByACentAccount", seller.account.accountId()));
    String agreementId;
    String marketplaceOfferId;
    try {
      marketplaceOfferId = MarketplacePortal.releasePrivateOffer(seller, "Made in the portal", buyer, today);
      agreementId = world.accept(marketplaceOfferId, buyer);
      // charged on the third day, paid out at the next midnight, in the feed delivered the midnight after
      world.advance("P5D");
      FinanceWorld.sync(seller.api);
    } finally {
      world.clearFaults();
    }
    assertThat(seller.api.get("/api/v1/orders?q=" + agreementId).json().at("/items")).isEmpty();
    JsonNode invoice = FinanceWorld.invoices(seller.api, "agreementId=" + agreementId).get(0);
    assertThat(invoice.at("/amount").asText()).isEqualTo("12000.00");
    assertThat(invoice.path("orderId").asText(null)).as(invoice.toString()).isNull();
    JsonNode unknown = FinanceWorld.exceptions(seller.api, "UNKNOWN_AGREEMENT").get(0);
    assertThat(unknown.at("/agreementId").asText()).isEqualTo(agreementId);
    assertThat(unknown.at("/detail").asText())
        .matches("[1-9][0-9]* billing rows name agreement " + agreementId + ", which has no order in OfferDesk");
    JsonNode payout = seller.api.get("/api/v1/finance/payouts").json().at("/items/0");
    assertThat(payout.at("/status").asText()).isEqualTo("UNMATCHED");
    assertThat(payout.at("/amount").asText()).isEqualTo("11640.01");
    assertThat(payout.at("/linesTotal").asText()).isEqualTo("11640.00");
    assertThat(payout.at("/difference").asText()).isEqualTo("0.01");
    assertThat(FinanceWorld.exceptions(seller.api, "PAYOUT_UNMATCHED").get(0).at("/detail").asText())
        .contains("difference 0.01").contains("lines have no order");
    FinanceWorld.awaitNotified(FinanceWorld.signedIn(port, seller.tenant.adminEmail(), seller.tenant.adminPassword()),
        "FINANCE_EXCEPTION_OPENED");

    // The seller associates the portal's offer; the agreement sweep makes its order; the next sync links it.
    Http.Response associated = seller.api.postJson("/api/v1/offers/associate",
        Map.of("marketplaceOfferId", marketplaceOfferId));
    assertThat(associated.status()).as(associated.body()).isEqualTo(201);
    sweep.handle(new Job(UUID.randomUUID(), sweep.kind(), org, JsonNodeFactory.instance.objectNode(),
        java.time.Instant.now(), 1, 1));
    String orderId = FinanceWorld.awaitOrder(seller.api, agreementId);
    assertThat(seller.api.get("/api/v1/orders/" + orderId).json().at("/offerId").asText())
        .isEqualTo(associated.json().at("/id").asText());
    FinanceWorld.sync(seller.api);
    assertThat(FinanceWorld.invoices(seller.api, "agreementId=" + agreementId).get(0).at("/orderId").asText())
        .isEqualTo(orderId);
    JsonNode linked = FinanceWorld.exceptions(seller.api, "UNKNOWN_AGREEMENT").get(0);
    assertThat(linked.at("/status").asText()).isEqualTo("RESOLVED");
    assertThat(linked.at("/resolution").asText()).isEqualTo("LINKED");
    // Every line has its order now, but the payout still does not add up: it stays UNMATCHED, in the queue.
    JsonNode after = seller.api.get("/api/v1/finance/payouts/" + payout.at("/payoutId").asText()).json();
    assertThat(after.at("/status").asText()).isEqualTo("UNMATCHED");
    assertThat(after.at("/difference").asText()).isEqualTo("0.01");
    assertThat(after.at("/lines").findValuesAsText("orderId")).containsOnly(orderId);
    assertThat(FinanceWorld.exceptions(seller.api, "PAYOUT_UNMATCHED").get(0).at("/status").asText())
        .isEqualTo("OPEN");
  }
}
