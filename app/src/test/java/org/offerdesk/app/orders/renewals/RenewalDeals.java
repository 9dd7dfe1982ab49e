package org.offerdesk.app.orders.renewals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;

/** Deals a renewal test starts from: an offer published by OfferDesk and accepted by the buyer in the sandbox. */
final class RenewalDeals {

  private RenewalDeals() {}

  /** Publishes a direct offer of {@code months} months (5 Seats at 100.00 USD) and waits until it is SENT. */
  static String sentOffer(ConnectedSeller seller, Clock clock, String buyer, String name, int months, int expiresIn) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Http.Response created = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT",
        "productId", seller.productId, "name", name, "buyerAccountIds", List.of(buyer), "currency", "USD",
        "durationMonths", months, "expiresOn", today.plusDays(expiresIn).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 5, "unitPrice", "100.00"))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String offerId = created.json().at("/id").asText();
    publish(seller, offerId);
    return offerId;
  }

  static void publish(ConnectedSeller seller, String offerId) {
    Http.Response published = seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    assertThat(published.status()).as(published.body()).isEqualTo(202);
    seller.awaitStage(offerId, "SENT");
  }

  /** The buyer accepts the offer in the sandbox; returns the order OfferDesk made of the agreement. */
  static JsonNode accept(ConnectedSeller seller, String offerId, String buyer) {
    String marketplaceOfferId = seller.api.get("/api/v1/offers/" + offerId).json().at("/marketplaceOfferId").asText();
    Http.Response accepted = new Http(seller.endpoint.toString()).postJson("/sandbox/offers/" + marketplaceOfferId
        + "/accept", Map.of("buyerAccountId", buyer));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    JsonNode[] order = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonNode items = seller.api.get("/api/v1/orders?q=" + buyer).json().at("/items");
      for (JsonNode o : items) {
        if (offerId.equals(o.at("/offerId").asText())) {
          order[0] = o;
          return true;
        }
      }
      return false;
    });
    return order[0];
  }

  /** An accepted order of a {@code months}-month deal. */
  static JsonNode acceptedOrder(ConnectedSeller seller, Clock clock, String buyer, String name, int months) {
    return accept(seller, sentOffer(seller, clock, buyer, name, months, 20), buyer);
  }

  /** The order's renewal, once the renewal sweep follows it. */
  static JsonNode awaitRenewal(ConnectedSeller seller, String orderId, String status) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
      Http.Response r = seller.api.get("/api/v1/renewals/" + orderId);
      last[0] = r.status() == 200 ? r.json() : null;
      return last[0] != null && status.equals(last[0].at("/status").asText());
    });
    return last[0];
  }
}
