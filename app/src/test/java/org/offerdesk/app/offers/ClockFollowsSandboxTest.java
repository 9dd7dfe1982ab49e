package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxClockTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Moving the sandbox's clock moves OfferDesk's: what falls due runs, here an offer's expiry. */
@SandboxClockTest
class ClockFollowsSandboxTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired Clock clock;

  @Test
  void an_unaccepted_offer_expires_when_the_sandbox_clock_passes_its_expiry() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Clock Co");
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String id = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", "Soon gone", "buyerAccountIds", List.of("777788889999"), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(5).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 1, "unitPrice", "10.00")))).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + id + "/publish", Map.of());
    seller.awaitStage(id, "SENT");

    Instant before = clock.instant();
    Http.Response moved = new Http(sandbox.endpoint().toString()).postJson("/sandbox/clock/advance",
        Map.of("duration", "P4D"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(Duration.between(before, clock.instant())).isGreaterThanOrEqualTo(Duration.ofDays(4));
    // The day before its expiry the team is reminded; the offer is still open.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> seller.api
        .get("/api/v1/outbox?limit=200").body().contains("Offer expiring"));
    assertThat(seller.api.get("/api/v1/offers/" + id).json().at("/stage").asText()).isEqualTo("SENT");

    new Http(sandbox.endpoint().toString()).postJson("/sandbox/clock/advance", Map.of("duration", "P2D"));

    JsonNode expired = seller.awaitStage(id, "EXPIRED");
    assertThat(expired.at("/timeline").findValuesAsText("cause")).containsOnlyOnce("expired");
  }
}
