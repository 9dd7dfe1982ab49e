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
