package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.MarketplacePortal;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Associating offers made outside OfferDesk. A marketplace offer id that belongs to another seller answers
 * exactly as an id that exists nowhere: the answer must not tell whether an offer id exists, nor repeat the
 * marketplace's text. Terms the marketplace does not state stay unknown and the offer needs review.
 */
@SandboxTest
class OfferAssociationTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired JdbcClient jdbc;

  @Test
  void another_sellers_offer_answers_like_an_unknown_id() {
    ConnectedSeller owner = new ConnectedSeller(context, port, sandbox.endpoint(), "Owner Co");
    ConnectedSeller other = new ConnectedSeller(context, port, sandbox.endpoint(), "Curious Co");
    String buyer = owner.sandbox.buyer("Association Buyer");
    String theirs = MarketplacePortal.releasePrivateOffer(owner, "Not yours", buyer, LocalDate.now(ZoneOffset.UTC));

    Http.Response notOurs = other.api.postJson("/api/v1/offers/associate", Map.of("marketplaceOfferId", theirs));
    Http.Response unknown = other.api.postJson("/api/v1/offers/associate",
        Map.of("marketplaceOfferId", "offer-doesnotexist0000"));

    assertThat(notOurs.status()).as(notOurs.body()).isEqualTo(404);
    assertThat(notOurs.header("Content-Type")).startsWith("application/problem+json");
    assertThat(withoutInstance(notOurs.json())).isEqualTo(withoutInstance(unknown.json()));
    assertThat(notOurs.body()).doesNotContainIgnoringCase("authorized").doesNotContain(theirs)
        .doesNotContain(owner.account.accountId());
    assertThat(jdbc.sql("SELECT count(*) FROM offer WHERE organization_id = ?").param(other.tenant.organizationId())
        .query(Long.class).single()).isZero();

    // The owner still associates its own offer.
    assertThat(owner.api.postJson("/api/v1/offers/associate", Map.of("marketplaceOfferId", theirs)).status())
        .isEqualTo(201);
  }

  @Test
  void an_offer_made_outside_offerdesk_without_terms_keeps_them_unknown_and_needs_review() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Review Co");
    String buyer = seller.sandbox.buyer("Review Buyer");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String draft = MarketplacePortal.draftOfferWithoutTerms(seller, "Half made", buyer, today);
    String complete = MarketplacePortal.releasePrivateOffer(seller, "Fully made", buyer, today);

    Http.Response associated = seller.api.postJson("/api/v1/offers/associate", Map.of("marketplaceOfferId", draft));
    assertThat(associated.status()).as(associated.body()).isEqualTo(201);
    JsonNode offer = associated.json();
    // Nothing invented: no USD, no price of 0, no 12 months (the API leaves unknown fields out).
    assertThat(offer.has("currency")).as(offer.toString()).isFalse();
    assertThat(offer.has("contractTotal")).isFalse();
    assertThat(offer.has("durationMonths")).isFalse();
    assertThat(offer.at("/dimensions").size()).isZero();
    assertThat(offer.at("/needsReview").asBoolean()).isTrue();
    assertThat(offer.at("/missingTerms").toString()).isEqualTo("[\"currency\",\"pricing\",\"duration\"]");
    assertThat(jdbc.sql("SELECT currency IS NULL AND contract_total IS NULL FROM offer WHERE marketplace_offer_id = ?")
        .param(draft).query(Boolean.class).single()).isTrue();
    String id = offer.at("/id").asText();
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/needsReview").asBoolean()).isTrue();

    Http console = new Http(port);
    assertThat(console.signIn(seller.tenant.adminEmail(), TestTenants.PASSWORD).status()).isEqualTo(302);
    String page = console.get("/offers/" + id).body();
    assertThat(page).contains("data-testid=\"needs-review\"").contains("currency, pricing, duration");
    assertThat(console.get("/offers/export.csv").body()).contains("Half made");

    // An offer whose terms the marketplace states in full needs no review.
    JsonNode full = seller.api.postJson("/api/v1/offers/associate", Map.of("marketplaceOfferId", complete)).json();
    assertThat(full.at("/needsReview").asBoolean()).as(full.toString()).isFalse();
    assertThat(full.at("/missingTerms").size()).isZero();
    assertThat(full.at("/currency").asText()).isEqualTo("USD");
    assertThat(full.at("/contractTotal").asText()).isEqualTo("12000.00");
    assertThat(console.get("/offers/" + full.at("/id").asText()).body()).doesNotContain("data-testid=\"needs-review\"")
        .contains("12,000.00 USD");
  }

  private static JsonNode withoutInstance(JsonNode problem) {
    ObjectNode copy = problem.deepCopy();
    copy.remove("instance");
    return copy;
  }
}
