package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Editing, cloning, withdrawing and reissuing offers, against the sandbox through the SDK. */
@SandboxTest
class OfferEditingTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  ConnectedSeller seller;
  LocalDate today = LocalDate.now(ZoneOffset.UTC);

  @BeforeEach
  void setUp() {
    seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Editing Co");
  }

  Map<String, Object> offer(String name) {
    return Map.of("type", "DIRECT", "productId", seller.productId, "name", name,
        "buyerAccountIds", List.of("777788889999"), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 10, "unitPrice", "100.00")),
        "eula", Map.of("type", "STANDARD"));
  }

  String sentOffer(String name) {
    String id = seller.api.postJson("/api/v1/offers", offer(name)).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    seller.awaitStage(id, "SENT");
    return id;
  }

  String marketplaceDetails(String marketplaceOfferId) {
    return seller.catalog().describeEntity(r -> r.catalog("AWSMarketplace").entityId(marketplaceOfferId)).details();
  }

  @Test
  void a_draft_edits_freely_and_a_stale_version_is_refused() {
    JsonNode draft = seller.api.postJson("/api/v1/offers", offer("Draft Co")).json();
    String id = draft.at("/id").asText();
    Http.Response edited = seller.api.patchJson("/api/v1/offers/" + id, Map.of("name", "Draft Co v2",
        "buyerAccountIds", List.of("777788889999", "210987654321"), "version", 0));
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.json().at("/buyerAccountIds").size()).isEqualTo(2);
    Http.Response stale = seller.api.patchJson("/api/v1/offers/" + id, Map.of("name", "Lost update", "version", 0));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/name").asText()).isEqualTo("Draft Co v2");
  }

  @Test
  void a_sent_offer_changes_name_and_expiry_on_the_marketplace() {
    String id = sentOffer("Renamable");
    String marketplaceId = seller.api.get("/api/v1/offers/" + id).json().at("/marketplaceOfferId").asText();
    LocalDate later = today.plusDays(45);
    Http.Response edited = seller.api.patchJson("/api/v1/offers/" + id,
        Map.of("name", "Renamed offer", "expiresOn", later.toString()));
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> seller.api.get("/api/v1/offers/" + id).json()
        .at("/timeline").findValuesAsText("cause").contains("edit applied on the marketplace"));
    assertThat(marketplaceDetails(marketplaceId)).contains("Renamed offer").contains(later.toString());
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/stage").asText()).isEqualTo("SENT");
  }

  @Test
  void a_frozen_field_is_refused_with_a_pointer_to_reissue_and_reissue_replaces_the_offer() {
    String id = sentOffer("Frozen");
    String oldMarketplaceId = seller.api.get("/api/v1/offers/" + id).json().at("/marketplaceOfferId").asText();
    Http.Response refused = seller.api.patchJson("/api/v1/offers/" + id,
        Map.of("buyerAccountIds", List.of("210987654321")));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("buyerAccountIds");
    assertThat(refused.json().at("/detail").asText()).contains("/reissue");

    Http.Response reissued = seller.api.postJson("/api/v1/offers/" + id + "/reissue",
        Map.of("buyerAccountIds", List.of("210987654321")));
    assertThat(reissued.status()).as(reissued.body()).isEqualTo(201);
    String copyId = reissued.json().at("/id").asText();
    assertThat(reissued.json().at("/reissueOf").asText()).isEqualTo(id);
    JsonNode copy = seller.awaitStage(copyId, "SENT");
    assertThat(copy.at("/buyerAccountIds/0").asText()).isEqualTo("210987654321");
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/stage").asText()).isEqualTo("CANCELLED");
    await().atMost(Duration.ofSeconds(20)).until(() -> seller.api.get("/api/v1/offers/" + id).json()
        .at("/timeline").findValuesAsText("cause").contains("availability ended on the marketplace"));
    assertThat(marketplaceDetails(oldMarketplaceId)).contains(today.minusDays(1).toString());
  }

  @Test
  void clone_copies_listing_pricing_terms_and_metadata_into_a_new_draft() {
    String id = sentOffer("Original");
    Http.Response cloned = seller.api.postJson("/api/v1/offers/" + id + "/clone", Map.of());
    assertThat(cloned.status()).isEqualTo(201);
    JsonNode copy = cloned.json();
    assertThat(copy.at("/stage").asText()).isEqualTo("DRAFT");
    assertThat(copy.at("/name").asText()).isEqualTo("Copy of Original");
    assertThat(copy.at("/clonedFrom").asText()).isEqualTo(id);
    assertThat(copy.at("/productId").asText()).isEqualTo(seller.productId);
    assertThat(copy.at("/dimensions")).isEqualTo(seller.api.get("/api/v1/offers/" + id).json().at("/dimensions"));
    assertThat(copy.has("marketplaceOfferId")).isFalse();
  }

  @Test
  void withdrawing_a_sent_offer_ends_it_on_the_marketplace() {
    String id = sentOffer("Withdrawn");
    Http.Response cancelled = seller.api.postJson("/api/v1/offers/" + id + "/cancel", Map.of());
    assertThat(cancelled.json().at("/stage").asText()).isEqualTo("CANCELLED");
    await().atMost(Duration.ofSeconds(20)).until(() -> seller.api.get("/api/v1/offers/" + id).json()
        .at("/timeline").findValuesAsText("cause").contains("availability ended on the marketplace"));
    assertThat(seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of()).status()).isEqualTo(409);
    assertThat(seller.api.patchJson("/api/v1/offers/" + id, Map.of("name", "x")).status()).isEqualTo(409);
  }

  @Test
  void another_organization_cannot_see_or_touch_an_offer() {
    String id = seller.api.postJson("/api/v1/offers", offer("Private")).json().at("/id").asText();
    Http other = new Http(port).bearer(new org.offerdesk.app.identity.internal.TestTenants(context)
        .seller("Snoop Co").adminToken());
    assertThat(other.get("/api/v1/offers/" + id).status()).isEqualTo(404);
    assertThat(other.postJson("/api/v1/offers/" + id + "/publish", Map.of()).status()).isEqualTo(404);
    assertThat(other.postJson("/api/v1/offers/" + id + "/clone", Map.of()).status()).isEqualTo(404);
    assertThat(other.get("/api/v1/offers").body()).doesNotContain(id);
  }
}
