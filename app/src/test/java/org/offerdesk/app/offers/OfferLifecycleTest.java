package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxAccounts;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeEntityResponse;

/** Offers made in OfferDesk reach the sandbox through the AWS SDK and come back with their stage. */
@SandboxTest
class OfferLifecycleTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  ConnectedSeller seller;
  LocalDate today = LocalDate.now(ZoneOffset.UTC);

  @BeforeEach
  void setUp() {
    seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Lifecycle Co");
  }

  /** The minimal create body, with its dates kept the same distance from today. */
  String minimalBody() {
    return """
        {"type":"DIRECT","productId":"%s","name":"Acme 2027","buyerAccountIds":["777788889999"],"currency":"USD",\
        "durationMonths":12,"expiresOn":"%s","dimensions":[{"key":"Seats","quantity":100,"unitPrice":"120.00"}],\
        "paymentSchedule":[{"dueOn":"%s","amount":"6000.00"},{"dueOn":"%s","amount":"6000.00"}],\
        "eula":{"type":"STANDARD"},"metadata":{"booking":{},"registration":{},"contract":{}}}"""
        .formatted(seller.productId, today.plusDays(66), today.plusDays(19), today.plusDays(201));
  }

  @Test
  void draft_publish_sent_with_a_payment_schedule_through_the_sdk() {
    Http.Response created = seller.api.postRaw("/api/v1/offers", "application/json", minimalBody());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode offer = created.json();
    String id = offer.at("/id").asText();
    assertThat(offer.at("/type").asText()).isEqualTo("DIRECT");
    assertThat(offer.at("/stage").asText()).isEqualTo("DRAFT");
    assertThat(offer.at("/contractTotal").asText()).isEqualTo("12000.00");
    assertThat(offer.at("/dimensions/0/unitPrice").asText()).isEqualTo("120.00");
    assertThat(offer.at("/timeline/0/cause").asText()).isEqualTo("created");
    assertThat(offer.has("marketplaceOfferId")).isFalse();

    Http.Response publishing = seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    assertThat(publishing.status()).isEqualTo(202);
    assertThat(publishing.json().at("/stage").asText()).isEqualTo("PUBLISHING");
    // The answer is the offer as saved (not read back): its version one on, the publish requested on its timeline.
    assertThat(publishing.json().at("/version").asInt()).isEqualTo(offer.at("/version").asInt() + 1);
    assertThat(publishing.json().at("/timeline").findValuesAsText("cause")).contains("publish requested");

    JsonNode sent = seller.awaitStage(id, "SENT");
    String marketplaceId = sent.at("/marketplaceOfferId").asText();
    assertThat(marketplaceId).startsWith("offer-");
    assertThat(sent.at("/timeline").findValuesAsText("stage")).containsSubsequence("DRAFT", "PUBLISHING", "SENT");

    // What the buyer will see on the marketplace is what the seller wrote.
    DescribeEntityResponse entity = seller.catalog().describeEntity(r -> r.catalog("AWSMarketplace")
        .entityId(marketplaceId));
    String details = entity.details();
    assertThat(details).contains("Released").contains("777788889999").contains("Acme 2027")
        .contains("\"ChargeAmount\":\"6000.00\"").contains(today.plusDays(201).toString())
        .contains("\"MaxQuantity\":100").contains("P12M").contains(seller.productId);
  }

  @Test
  void an_offer_without_a_schedule_is_charged_in_full_at_acceptance() throws Exception {
    JsonNode body = new ObjectMapper().readTree(minimalBody());
    ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("paymentSchedule");
    String id = seller.api.postJson("/api/v1/offers", body).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    String marketplaceId = seller.awaitStage(id, "SENT").at("/marketplaceOfferId").asText();
    String details = seller.catalog().describeEntity(r -> r.catalog("AWSMarketplace").entityId(marketplaceId))
        .details();
    assertThat(details).contains("\"ChargeAmount\":\"12000.00\"").contains(today.toString());
  }

  @Test
  void a_publish_the_marketplace_refuses_shows_its_errors_on_the_field_and_succeeds_after_the_fix() {
    String staleProduct = seller.productId;
    // The seller moves to another marketplace account: the old account's listing is still in OfferDesk.
    SandboxAccounts.Account other = seller.sandbox.seller("Lifecycle Co EU");
    String newProduct = seller.sandbox.product(other, "Lifecycle Co EU Platform", "Public");
    seller.connect(other);

    String id = seller.api.postRaw("/api/v1/offers", "application/json", minimalBody()).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    JsonNode failed = seller.awaitStage(id, "PUBLISH_FAILED");
    assertThat(failed.at("/publishErrors/0/field").asText()).as(failed.toString()).isEqualTo("productId");
    assertThat(failed.at("/publishErrors/0/code").asText()).isEqualTo("AccessDeniedException");
    assertThat(failed.at("/publishErrors/0/message").asText()).contains(staleProduct);

    Http.Response fixed = seller.api.patchJson("/api/v1/offers/" + id, Map.of("productId", newProduct));
    assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
    seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    JsonNode sent = seller.awaitStage(id, "SENT");
    assertThat(sent.at("/publishErrors").size()).isZero();
    assertThat(sent.at("/revision").asInt()).isEqualTo(2);
  }

  @Test
  void bad_input_names_the_field_and_writes_nothing() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, Object> good = json.readValue(minimalBody(), Map.class);
    List<Map.Entry<String, Object>> cases = List.of(
        Map.entry("buyerAccountIds", List.of("12345")),
        Map.entry("dimensions", List.of(Map.of("key", "Seats", "quantity", 100, "unitPrice", "-1.00"))),
        Map.entry("paymentSchedule", List.of(Map.of("dueOn", today.plusDays(19).toString(), "amount", "5000.00"))),
        Map.entry("expiresOn", today.minusDays(1).toString()),
        Map.entry("productId", "prod-doesnotexist1"));
    List<String> fields = List.of("buyerAccountIds[0]", "dimensions[0].unitPrice", "paymentSchedule", "expiresOn",
        "productId");
    long before = seller.api.get("/api/v1/offers?limit=200").json().at("/items").size();
    for (int i = 0; i < cases.size(); i++) {
      Map<String, Object> body = new java.util.HashMap<>(good);
      body.put(cases.get(i).getKey(), cases.get(i).getValue());
      Http.Response r = seller.api.postJson("/api/v1/offers", body);
      assertThat(r.status()).as(cases.get(i).getKey()).isEqualTo(400);
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      assertThat(r.json().at("/errors").findValuesAsText("field")).as(r.body()).contains(fields.get(i));
    }
    assertThat(seller.api.get("/api/v1/offers?limit=200").json().at("/items").size()).isEqualTo(before);
  }
}
