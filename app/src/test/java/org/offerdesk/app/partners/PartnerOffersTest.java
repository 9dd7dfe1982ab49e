package org.offerdesk.app.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedReseller;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.IsvAuthorizations;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A reseller's partner offers, built on resale authorizations an ISV granted through the SDK, published
 * through the Catalog API of the embedded sandbox and accepted there by the buyer.
 */
@SandboxTest
class PartnerOffersTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired Clock clock;
  @Autowired JdbcClient jdbc;

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  Map<String, Object> partnerOffer(String raId, String name, String buyer, String markup) {
    Map<String, Object> body = new HashMap<>();
    body.put("type", "PARTNER");
    body.put("resaleAuthorizationId", raId);
    body.put("name", name);
    body.put("buyerAccountIds", List.of(buyer));
    body.put("markupPercent", markup);
    body.put("expiresOn", today().plusDays(5).toString());
    return body;
  }

  @Test
  void a_partner_offer_with_markup_is_published_accepted_and_becomes_the_resellers_order() throws Exception {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Wholesale ISV");
    ConnectedReseller reseller = new ConnectedReseller(context, port, sandbox.endpoint(), "Marking-up Reseller");
    String buyer = isv.sandbox.buyer("End Buyer");
    String raId = IsvAuthorizations.grant(isv, reseller.account.accountId(), new IsvAuthorizations.Grant(
        "Single use for End Buyer", Map.of("Seats", "900.00"), List.of(buyer), today().plusDays(60), 1));

    reseller.syncOpportunities();
    Http.Response created = reseller.api.postJson("/api/v1/offers",
        partnerOffer(raId, "End Buyer via reseller", buyer, "10.0"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode draft = created.json();
    String id = draft.at("/id").asText();
    assertThat(draft.at("/type").asText()).isEqualTo("PARTNER");
    assertThat(draft.at("/stage").asText()).isEqualTo("DRAFT");
    assertThat(draft.at("/productId").asText()).isEqualTo(isv.productId);
    assertThat(draft.at("/resaleAuthorizationId").asText()).isEqualTo(raId);
    assertThat(draft.at("/markupPercent").asText()).isEqualTo("10.0");
    assertThat(draft.at("/durationMonths").asInt()).isEqualTo(12);
    assertThat(draft.at("/needsReview").asBoolean()).isFalse();
    assertThat(draft.at("/partner/isvAccountId").asText()).isEqualTo(isv.account.accountId());
    assertThat(draft.at("/partner/prices/0/dimensionKey").asText()).isEqualTo("Seats");
    assertThat(draft.at("/partner/prices/0/wholesalePrice").asText()).isEqualTo("900.00");
    assertThat(draft.at("/partner/prices/0/buyerPrice").asText()).isEqualTo("990.00");
    assertThat(draft.at("/partner/prices/0/margin").asText()).isEqualTo("90.00");
    assertThat(draft.at("/dimensions/0/unitPrice").asText()).isEqualTo("990.00");

    // The markup can still change while it is a draft.
    JsonNode patched = reseller.api.patchJson("/api/v1/offers/" + id, Map.of("markupPercent", "12.5")).json();
    assertThat(patched.at("/partner/prices/0/buyerPrice").asText()).isEqualTo("1012.50");

    assertThat(reseller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of()).status()).isEqualTo(202);
    JsonNode sent = reseller.awaitStage(id, "SENT");
    String marketplaceId = sent.at("/marketplaceOfferId").asText();
    assertThat(marketplaceId).startsWith("offer-");
    JsonNode onMarketplace = new ObjectMapper().readTree(reseller.catalog().describeEntity(r -> r
        .catalog("AWSMarketplace").entityId(marketplaceId)).details());
    assertThat(onMarketplace.at("/ResaleAuthorizationId").asText()).isEqualTo(raId);
    assertThat(onMarketplace.at("/MarkupPercentage").asText()).isEqualTo("12.5");
    assertThat(onMarketplace.at("/State").asText()).isEqualTo("Released");
    assertThat(onMarketplace.at("/Rules/0/PositiveTargeting/BuyerAccounts/0").asText()).isEqualTo(buyer);
    assertThat(jdbc.sql("SELECT reseller_account_id FROM offer WHERE id = CAST(? AS uuid)").param(id)
        .query(String.class).single()).isEqualTo(reseller.account.accountId());

    buyerViews(port, reseller, id);
    reseller.awaitStage(id, "VIEWED");

    // The single-use authorization is taken: a second offer on it is refused, and nothing is written.
    long before = reseller.api.get("/api/v1/offers").json().at("/items").size();
    Http.Response second = reseller.api.postJson("/api/v1/offers", partnerOffer(raId, "Again", buyer, "5"));
    assertThat(second.status()).as(second.body()).isEqualTo(400);
    assertThat(second.json().at("/errors/0/field").asText()).isEqualTo("resaleAuthorizationId");
    assertThat(second.json().at("/errors/0/message").asText()).contains("single use");
    assertThat(reseller.api.get("/api/v1/offers").json().at("/items").size()).isEqualTo(before);
    // Its clone is a draft that cannot be published for the same reason.
    String clone = reseller.api.postJson("/api/v1/offers/" + id + "/clone", Map.of()).json().at("/id").asText();
    assertThat(reseller.api.get("/api/v1/offers/" + clone).json().at("/markupPercent").asText()).isEqualTo("12.5");
    Http.Response republish = reseller.api.postJson("/api/v1/offers/" + clone + "/publish", Map.of());
    assertThat(republish.status()).isEqualTo(400);
    assertThat(republish.json().at("/errors/0/field").asText()).isEqualTo("resaleAuthorizationId");

    Http.Response accepted = new Http(sandbox.endpoint().toString()).postJson("/sandbox/offers/" + marketplaceId
        + "/accept", Map.of("buyerAccountId", buyer));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    JsonNode acceptedOffer = reseller.awaitStage(id, "ACCEPTED");
    assertThat(acceptedOffer.at("/agreementId").asText()).isEqualTo(accepted.json().at("/agreementId").asText());
    JsonNode[] order = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode items = reseller.api.get("/api/v1/orders").json().at("/items");
      order[0] = items.size() == 0 ? null : items.get(0);
      return order[0] != null;
    });
    assertThat(order[0].at("/kind").asText()).isEqualTo("PARTNER");
    assertThat(order[0].at("/buyerAccountId").asText()).isEqualTo(buyer);
    String orderId = order[0].at("/id").asText();

    // Its deal: one seat bought at 900.00 wholesale, 1,012.50 to the buyer, 112.50 kept.
    assertThat(order[0].at("/resellerDeal/markupPercent").asText()).isEqualTo("12.5");
    assertThat(order[0].at("/resellerDeal/currency").asText()).isEqualTo("USD");
    assertThat(order[0].at("/resellerDeal/wholesaleCost").asText()).isEqualTo("900.00");
    assertThat(order[0].at("/resellerDeal/buyerPrice").asText()).isEqualTo("1012.50");
    assertThat(order[0].at("/resellerDeal/margin").asText()).isEqualTo("112.50");
    Http console = new Http(port);
    console.signIn(reseller.tenant.adminEmail(), reseller.tenant.adminPassword());
    assertThat(console.get("/orders/" + orderId).body()).contains("Your deal", "1,012.50 USD", "112.50 USD");
    assertThat(console.get("/orders").body()).contains("Your margin", "112.50 USD");
    // The ISV's order of the same agreement carries no reseller's deal: it never sees the markup.
    JsonNode isvOrder = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> isv.api.get("/api/v1/orders").json().at("/items"), items -> items.size() == 1).get(0);
    assertThat(isvOrder.has("resellerDeal")).isFalse();

    // The reseller registers its buyer and provisions, as a seller does with its own orders.
    Http.Response registered = reseller.api.postJson("/api/v1/orders/" + orderId + "/registration", Map.of(
        "company", "End Buyer Corp", "contactName", "Eve Buyer", "email", "eve@end-buyer.test"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(200);
    assertThat(registered.json().at("/status").asText()).isEqualTo("REGISTERED");
    Http.Response provisioned = reseller.api.postJson("/api/v1/orders/" + orderId + "/provisioned", Map.of());
    assertThat(provisioned.json().at("/status").asText()).isEqualTo("PROVISIONED");
    assertThat(reseller.api.get("/api/v1/offers/" + id).json().at("/stage").asText()).isEqualTo("PROVISIONED");

    // Both teams were told, each of its own side: the reseller of the authorization, the buyer's look and the
    // order; the ISV of the partner's offer and of the order.
    awaitInbox(console, "RESALE_AUTHORIZATION_RECEIVED", "OFFER_VIEWED", "NEW_ORDER");
    Http isvConsole = new Http(port);
    isvConsole.signIn(isv.tenant.adminEmail(), isv.tenant.adminPassword());
    awaitInbox(isvConsole, "PARTNER_OFFER_EXTENDED", "NEW_ORDER");
    assertThat(inbox(isvConsole)).doesNotContain("OFFER_VIEWED", "RESALE_AUTHORIZATION_RECEIVED");
  }

  /** The buyer opens the purchase instructions the reseller sent, in a browser's way (the page's POST). */
  static void buyerViews(int port, ConnectedReseller reseller, String offerId) {
    Http.Response sent = reseller.api.postJson("/api/v1/offers/" + offerId + "/purchase-instructions",
        Map.of("to", List.of("buyer@end-buyer.test")));
    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    String email = reseller.api.get("/api/v1/outbox/" + sent.json().at("/emails/0").asText()).body();
    Matcher link = Pattern.compile("http://localhost:\\d+(/o/[A-Za-z0-9_-]+)").matcher(email);
    assertThat(link.find()).as(email).isTrue();
    Http buyer = new Http(port);
    Matcher csrf = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(buyer.get(link.group(1)).body());
    assertThat(csrf.find()).isTrue();
    assertThat(buyer.postForm(link.group(1) + "/viewed", Map.of(), csrf.group(1)).status()).isEqualTo(204);
  }

  /** The types of the notices in the signed-in user's inbox. */
  static List<String> inbox(Http console) {
    return console.get("/api/v1/notifications?limit=100").json().at("/items").findValuesAsText("type");
  }

  static void awaitInbox(Http console, String... types) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
        assertThat(inbox(console)).contains(types));
  }

  @Test
  void bad_partner_offers_name_the_field_and_write_nothing() {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Strict ISV");
    ConnectedReseller reseller = new ConnectedReseller(context, port, sandbox.endpoint(), "Careless Reseller");
    ConnectedReseller other = new ConnectedReseller(context, port, sandbox.endpoint(), "Unrelated Reseller");
    String allowed = isv.sandbox.buyer("Allowed Buyer");
    String stranger = isv.sandbox.buyer("Stranger Buyer");
    String raId = IsvAuthorizations.grant(isv, reseller.account.accountId(), new IsvAuthorizations.Grant(
        "Only for Allowed Buyer", Map.of("Seats", "100.00"), List.of(allowed), today().plusDays(10), null));
    String othersRa = IsvAuthorizations.grant(isv, other.account.accountId(), new IsvAuthorizations.Grant(
        "Not yours", Map.of("Seats", "100.00"), List.of(), null, null));

    Map<String, Object> negative = partnerOffer(raId, "Below cost", allowed, "-5");
    assertRefused(reseller, negative, "markupPercent", "negative");
    assertRefused(reseller, partnerOffer(raId, "Wrong buyer", stranger, "5"), "buyerAccountIds[0]",
        "not a buyer the resale authorization allows");
    Map<String, Object> tooLate = partnerOffer(raId, "Outlives it", allowed, "5");
    tooLate.put("expiresOn", today().plusDays(30).toString());
    assertRefused(reseller, tooLate, "expiresOn", "when the resale authorization ends");
    Map<String, Object> noMarkup = partnerOffer(raId, "No markup", allowed, "5");
    noMarkup.remove("markupPercent");
    assertRefused(reseller, noMarkup, "markupPercent", "required");
    assertRefused(reseller, partnerOffer(othersRa, "Someone else's", allowed, "5"), "resaleAuthorizationId",
        "not a resale authorization shared with");
    assertRefused(reseller, partnerOffer("resaleauthz-doesnotexist1", "Nothing", allowed, "5"),
        "resaleAuthorizationId", "not a resale authorization shared with");
    // A seller does not make partner offers.
    Http.Response bySeller = isv.api.postJson("/api/v1/offers", partnerOffer(raId, "ISV", allowed, "5"));
    assertThat(bySeller.status()).isEqualTo(400);
    assertThat(bySeller.json().at("/errors/0/field").asText()).isEqualTo("type");
    assertThat(reseller.api.get("/api/v1/offers").json().at("/items").size()).isZero();

    // A good one, then the ISV deactivates the authorization: its draft can no longer be published.
    String id = reseller.api.postJson("/api/v1/offers", partnerOffer(raId, "Fine", allowed, "0"))
        .json().at("/id").asText();
    assertThat(other.api.get("/api/v1/offers/" + id).status()).isEqualTo(404);
    assertThat(other.api.postJson("/api/v1/offers/" + id + "/publish", Map.of()).status()).isEqualTo(404);
    IsvAuthorizations.restrict(isv, raId);
    Http.Response publish = reseller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    assertThat(publish.status()).isEqualTo(400);
    assertThat(publish.json().at("/errors/0/field").asText()).isEqualTo("resaleAuthorizationId");
    assertThat(publish.json().at("/errors/0/message").asText()).contains("deactivated");
    assertThat(reseller.api.get("/api/v1/offers/" + id).json().at("/stage").asText()).isEqualTo("DRAFT");
  }

  @Test
  void a_released_partner_offer_is_followed_like_a_direct_one_withdrawn_and_cloned() {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Reusable ISV");
    ConnectedReseller reseller = new ConnectedReseller(context, port, sandbox.endpoint(), "Busy Reseller");
    String buyer = isv.sandbox.buyer("Any Buyer");
    String raId = IsvAuthorizations.grant(isv, reseller.account.accountId(), new IsvAuthorizations.Grant(
        "For anyone", Map.of("Seats", "50.00", "BasicTier", "500.00"), List.of(), null, null));
    String id = reseller.api.postJson("/api/v1/offers", partnerOffer(raId, "Open offer", buyer, "20"))
        .json().at("/id").asText();
    reseller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    JsonNode sent = reseller.awaitStage(id, "SENT");
    assertThat(sent.at("/actions").toString()).contains("cancel", "send-instructions", "clone")
        .doesNotContain("reissue", "edit");
    assertThat(sent.at("/timeline").findValuesAsText("cause")).contains("created", "publish requested",
        "released on the marketplace");

    Http.Response instructions = reseller.api.postJson("/api/v1/offers/" + id + "/purchase-instructions",
        Map.of("to", List.of("buyer@any-buyer.test")));
    assertThat(instructions.status()).as(instructions.body()).isEqualTo(202);

    Http.Response withdrawn = reseller.api.postJson("/api/v1/offers/" + id + "/cancel", Map.of());
    assertThat(withdrawn.json().at("/stage").asText()).isEqualTo("CANCELLED");
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> reseller.api
        .get("/api/v1/offers/" + id).json().at("/timeline").findValuesAsText("cause")
        .contains("availability ended on the marketplace"));

    String clone = reseller.api.postJson("/api/v1/offers/" + id + "/clone", Map.of()).json().at("/id").asText();
    reseller.api.postJson("/api/v1/offers/" + clone + "/publish", Map.of());
    assertThat(reseller.awaitStage(clone, "SENT").at("/partner/prices").size()).isEqualTo(2);
    assertThat(reseller.api.get("/api/v1/offers?type=PARTNER").json().at("/items").size()).isEqualTo(2);
  }

  static void assertRefused(ConnectedReseller reseller, Map<String, Object> body, String field, String says) {
    Http.Response r = reseller.api.postJson("/api/v1/offers", body);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().at("/errors").findValuesAsText("field")).as(r.body()).contains(field);
    assertThat(r.body()).contains(says);
  }
}
