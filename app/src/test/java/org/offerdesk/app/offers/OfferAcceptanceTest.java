package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.MarketplacePortal;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The buyer accepts in the sandbox; OfferDesk learns it from the marketplace (events on the SQS queue,
 * the agreement sweep) through the SDK: ACCEPTED, then an amendment that REPLACES it.
 */
@SandboxTest
class OfferAcceptanceTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  ConnectedSeller seller;
  Http marketplace;
  String buyer;
  LocalDate today = LocalDate.now(ZoneOffset.UTC);

  @BeforeEach
  void setUp() {
    seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Acceptance Co");
    marketplace = new Http(sandbox.endpoint().toString());
    buyer = seller.sandbox.buyer("Acceptance Buyer");
  }

  @AfterEach
  void clearFaults() {
    marketplace.delete("/sandbox/faults");
  }

  String sentOffer(String name, List<Map<String, Object>> schedule) {
    Map<String, Object> body = new java.util.HashMap<>(Map.of("type", "DIRECT", "productId", seller.productId,
        "name", name, "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 10, "unitPrice", "1200.00"))));
    if (schedule != null) {
      body.put("paymentSchedule", schedule);
    }
    String id = seller.api.postJson("/api/v1/offers", body).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    seller.awaitStage(id, "SENT");
    return id;
  }

  String accept(String offerId) {
    return acceptOnMarketplace(seller.api.get("/api/v1/offers/" + offerId).json().at("/marketplaceOfferId").asText());
  }

  String acceptOnMarketplace(String marketplaceId) {
    Http.Response accepted = marketplace.postJson("/sandbox/offers/" + marketplaceId + "/accept",
        Map.of("buyerAccountId", buyer));
    assertThat(accepted.status()).as(accepted.body()).isIn(200, 201);
    return accepted.json().at("/agreementId").asText();
  }

  @Test
  void an_accepted_offer_is_accepted_with_its_agreement_on_the_timeline() {
    String id = sentOffer("Accepted deal", List.of(
        Map.of("dueOn", today.plusDays(10).toString(), "amount", "6000.00"),
        Map.of("dueOn", today.plusDays(190).toString(), "amount", "6000.00")));
    String agreementId = accept(id);
    JsonNode accepted = seller.awaitStage(id, "ACCEPTED");
    assertThat(accepted.at("/agreementId").asText()).isEqualTo(agreementId);
    assertThat(accepted.at("/timeline").findValuesAsText("stage"))
        .containsSubsequence("DRAFT", "PUBLISHING", "SENT", "ACCEPTED");
    assertThat(accepted.at("/timeline").findValuesAsText("cause")).containsOnlyOnce("accepted by the buyer");
    Http.Response edit = seller.api.patchJson("/api/v1/offers/" + id, Map.of("name", "Too late"));
    assertThat(edit.status()).isEqualTo(409);
    assertThat(edit.json().at("/detail").asText()).contains("/amend");
  }

  @Test
  void duplicated_and_reordered_events_change_the_offer_once() {
    marketplace.postJson("/sandbox/faults", Map.of("throttlingRate", 0.0, "failNextChangeSets", 0,
        "extraChangeSetDelayMillis", 0, "eventDuplicateRate", 1.0, "eventDelayMillis", 0, "reorderEvents", true));
    String first = sentOffer("Dup one", null);
    accept(first);
    // AWS refuses a buyer a second contract for a product while the first runs: the second offer has its own buyer.
    buyer = seller.sandbox.buyer("Acceptance Buyer Two");
    String second = sentOffer("Dup two", null);
    accept(second);
    for (String id : List.of(first, second)) {
      JsonNode offer = seller.awaitStage(id, "ACCEPTED");
      assertThat(offer.at("/timeline").findValuesAsText("cause")).containsOnlyOnce("accepted by the buyer");
    }
  }

  @Test
  void amending_an_accepted_offer_replaces_it_once_the_amendment_is_accepted() {
    String id = sentOffer("Original 2027", List.of(
        Map.of("dueOn", today.plusDays(5).toString(), "amount", "4000.00"),
        Map.of("dueOn", today.plusDays(120).toString(), "amount", "4000.00"),
        Map.of("dueOn", today.plusDays(240).toString(), "amount", "4000.00")));
    String agreementId = accept(id);
    seller.awaitStage(id, "ACCEPTED");

    Http.Response amended = seller.api.postJson("/api/v1/offers/" + id + "/amend", Map.of());
    assertThat(amended.status()).as(amended.body()).isEqualTo(201);
    JsonNode draft = amended.json();
    String amendmentId = draft.at("/id").asText();
    assertThat(draft.at("/type").asText()).isEqualTo("AMENDMENT");
    assertThat(draft.at("/sourceAgreementId").asText()).isEqualTo(agreementId);
    assertThat(draft.at("/buyerAccountIds/0").asText()).isEqualTo(buyer);
    assertThat(draft.at("/paymentSchedule").size()).isEqualTo(3);
    assertThat(draft.at("/contractTotal").asText()).isEqualTo("12000.00");

    // Guardrails: a shorter term and a changed product are flagged before publishing.
    Http.Response shorter = seller.api.patchJson("/api/v1/offers/" + amendmentId,
        Map.of("serviceEndDate", today.plusDays(200).toString(), "paymentSchedule", List.of(
            Map.of("dueOn", today.plusDays(5).toString(), "amount", "12000.00"))));
    assertThat(shorter.status()).as(shorter.body()).isEqualTo(200);
    assertThat(shorter.json().at("/warnings").toString()).contains("before the current agreement's end date");

    Http.Response restored = seller.api.patchJson("/api/v1/offers/" + amendmentId, Map.of(
        "serviceEndDate", draft.at("/serviceEndDate").asText(), "paymentSchedule", draft.at("/paymentSchedule")));
    assertThat(restored.json().at("/warnings").size()).isZero();
    seller.api.postJson("/api/v1/offers/" + amendmentId + "/publish", Map.of());
    seller.awaitStage(amendmentId, "SENT");
    accept(amendmentId);
    seller.awaitStage(amendmentId, "ACCEPTED");
    JsonNode original = seller.awaitStage(id, "REPLACED");
    assertThat(original.at("/timeline").findValuesAsText("cause")).containsOnlyOnce("replaced by an amendment");
  }

  @Test
  void an_offer_made_outside_offerdesk_is_associated_and_import_all_finds_the_rest() {
    String a = MarketplacePortal.releasePrivateOffer(seller, "Outside A", buyer, today);
    String b = MarketplacePortal.releasePrivateOffer(seller, "Outside B", buyer, today);
    String c = MarketplacePortal.releasePrivateOffer(seller, "Outside C", buyer, today);

    Http.Response associated = seller.api.postJson("/api/v1/offers/associate", Map.of("marketplaceOfferId", b));
    assertThat(associated.status()).as(associated.body()).isEqualTo(201);
    assertThat(associated.json().at("/name").asText()).isEqualTo("Outside B");
    assertThat(associated.json().at("/stage").asText()).isEqualTo("SENT");
    assertThat(associated.json().at("/contractTotal").asText()).isEqualTo("12000.00");
    assertThat(seller.api.postJson("/api/v1/offers/associate", Map.of("marketplaceOfferId", b)).status())
        .isEqualTo(200);
    assertThat(seller.api.postJson("/api/v1/offers/associate", Map.of("marketplaceOfferId", "nope")).status())
        .isEqualTo(400);

    // An agreement on an offer OfferDesk did not make brings that offer in with its order.
    acceptOnMarketplace(a);
    await().atMost(Duration.ofSeconds(30)).until(() -> seller.api.get("/api/v1/offers?q=" + a).json()
        .at("/items/0/stage").asText("").equals("ACCEPTED"));

    Http.Response started = seller.api.postJson("/api/v1/offers/import", Map.of());
    assertThat(started.status()).isEqualTo(202);
    String importId = started.json().at("/id").asText();
    JsonNode[] run = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      run[0] = seller.api.get("/api/v1/offers/imports/" + importId).json();
      return "DONE".equals(run[0].at("/status").asText());
    });
    assertThat(run[0].at("/total").asInt()).isEqualTo(3);
    assertThat(run[0].at("/imported").asInt()).isEqualTo(1);
    assertThat(run[0].at("/alreadyKnown").asInt()).isEqualTo(2);
    assertThat(run[0].at("/failed").asInt()).isZero();
    assertThat(seller.api.get("/api/v1/offers?q=" + c).json().at("/items/0/name").asText()).isEqualTo("Outside C");
    JsonNode importedA = seller.api.get("/api/v1/offers?q=" + a).json().at("/items/0");
    assertThat(importedA.at("/agreementId").asText()).startsWith("agmt-");
  }
}
