package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OwnContext;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Each way OfferDesk learns of an acceptance works on its own: here the SQS event alone (the agreement
 * sweep is off); {@link AcceptanceBySweepTest} the sweep alone.
 */
@SandboxTest
// Properties of its own make a context of its own: it runs in the OwnContextLane, beside the shared one.
@OwnContext
// Exactly EventRobustnessTest's properties (the offer sweep off among them): the two share one context.
@TestPropertySource(properties = {"offerdesk.events.max-attempts=2", "offerdesk.orders.sweep-interval=PT1H",
    "offerdesk.offers.sweep-interval=PT1H", "offerdesk.events.wait-backoff-max=PT1S"})
class AcceptanceByEventTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void the_purchase_agreement_event_accepts_the_offer() {
    JsonNode accepted = acceptOne(context, port, sandbox, "Event Co");
    assertThat(accepted.at("/timeline").findValuesAsText("detail"))
        .anyMatch(d -> d != null && d.contains("event Purchase Agreement Created - Proposer"));
  }

  static JsonNode acceptOne(ApplicationContext context, int port, EmbeddedSandboxEndpoint sandbox, String name) {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), name);
    String buyer = seller.sandbox.buyer(name + " Buyer");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String id = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", name + " deal", "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 2, "unitPrice", "500.00")))).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    String marketplaceId = seller.awaitStage(id, "SENT").at("/marketplaceOfferId").asText();
    Http.Response r = new Http(sandbox.endpoint().toString()).postJson("/sandbox/offers/" + marketplaceId + "/accept",
        Map.of("buyerAccountId", buyer));
    assertThat(r.status()).as(r.body()).isIn(200, 201);
    return seller.awaitStage(id, "ACCEPTED");
  }
}
