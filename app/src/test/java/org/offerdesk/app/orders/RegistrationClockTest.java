package org.offerdesk.app.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
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

/**
 * The registration clock runs on the sandbox's time: an hour after acceptance a private order registers
 * itself from its offer (or says what is missing); a public order is reminded before 48 hours and flagged
 * after them.
 */
@SandboxClockTest
class RegistrationClockTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired Clock clock;

  Http marketplace() {
    return new Http(sandbox.endpoint().toString());
  }

  /** The registration token of the offer accepted last. */
  String lastToken;

  String acceptedPrivateOrder(ConnectedSeller seller, String buyer, String name, Map<String, Object> registration) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    String offerId = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", name, "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 5, "unitPrice", "100.00")),
        "metadata", Map.of("registration", registration))).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    String marketplaceOfferId = seller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText();
    Http.Response accepted = marketplace().postJson("/sandbox/offers/" + marketplaceOfferId + "/accept",
        Map.of("buyerAccountId", buyer));
    assertThat(accepted.status()).isEqualTo(201);
    lastToken = accepted.json().at("/fulfillment/token").asText();
    return OrderFlowTest.awaitOrder(seller, buyer, "PENDING_REGISTRATION").at("/id").asText();
  }

  @Test
  void private_orders_register_themselves_after_an_hour_and_public_ones_hit_their_deadline() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Clockwork Co");
    seller.api.putJson("/api/v1/offers/metadata-fields", Map.of("items", List.of(
        Map.of("group", "REGISTRATION", "key", "company", "label", "Company", "type", "TEXT", "required", false),
        Map.of("group", "REGISTRATION", "key", "email", "label", "Contact email", "type", "EMAIL",
            "required", false))));
    String buyerA = seller.sandbox.buyer("Auto Buyer");
    String buyerB = seller.sandbox.buyer("Silent Buyer");
    String buyerC = seller.sandbox.buyer("Public Buyer");
    String withMetadata = acceptedPrivateOrder(seller, buyerA, "Auto deal",
        Map.of("company", "Auto Buyer Inc", "email", "it@autobuyer.test"));
    String tokenA = lastToken;
    String without = acceptedPrivateOrder(seller, buyerB, "Silent deal", Map.of());

    String publicProduct = seller.sandbox.product(seller.account, "Clockwork Public", "Public");
    seller.connect(seller.account);
    Http.Response subscribed = marketplace().postJson("/sandbox/products/" + publicProduct + "/subscribe", Map.of(
        "buyerAccountId", buyerC, "dimensions", List.of(Map.of("key", "Seats", "quantity", 5))));
    assertThat(subscribed.status()).isIn(200, 201);
    String staleToken = subscribed.json().at("/fulfillment/token").asText();
    JsonNode publicOrder = OrderFlowTest.awaitOrder(seller, buyerC, "PENDING_REGISTRATION");
    assertThat(publicOrder.at("/kind").asText()).isEqualTo("PUBLIC");
    assertThat(publicOrder.at("/registrationDeadline").asText()).isNotBlank();
    String publicId = publicOrder.at("/id").asText();

    // Nothing happens before its time.
    assertThat(seller.api.get("/api/v1/orders/" + withMetadata).json().at("/status").asText())
        .isEqualTo("PENDING_REGISTRATION");

    advance("PT61M");
    JsonNode auto = awaitStatus(seller, withMetadata, "REGISTERED");
    assertThat(auto.at("/registration/source").asText()).isEqualTo("AUTOMATIC");
    assertThat(auto.at("/registration/company").asText()).isEqualTo("Auto Buyer Inc");
    assertThat(auto.at("/timeline").findValuesAsText("cause"))
        .contains("registered automatically from the offer's registration information");
    // The buyer registers after all, an hour late: their details replace the metadata's, said as such, once.
    Http browser = new Http(port);
    String session = browser.postForm("/marketplace/register", Map.of("x-amzn-marketplace-token", tokenA), null)
        .header("Location").replaceFirst("^https?://[^/]+", "");
    String csrf = browser.csrfFrom(session);
    Map<String, String> form = Map.of("company", "Auto Buyer GmbH", "contactName", "Kim", "email", "kim@autobuyer.test");
    assertThat(browser.postForm(session, form, csrf).status()).isEqualTo(302);
    assertThat(browser.postForm(session, form, csrf).status()).isEqualTo(302);
    JsonNode late = seller.api.get("/api/v1/orders/" + withMetadata).json();
    assertThat(late.at("/registration/source").asText()).isEqualTo("BUYER");
    assertThat(late.at("/registration/company").asText()).isEqualTo("Auto Buyer GmbH");
    assertThat(late.at("/timeline").findValuesAsText("cause"))
        .containsOnlyOnce("buyer completed registration (after automatic registration)")
        .containsOnlyOnce("registration updated by the buyer");
    assertThat(seller.api.get("/api/v1/outbox?limit=200").json().at("/items").findValuesAsText("subject"))
        .filteredOn(subject -> subject.startsWith("Registration completed: Auto Buyer GmbH")).singleElement()
        .satisfies(subject -> assertThat(subject).contains("the buyer's own details"));
    await().atMost(Duration.ofSeconds(20)).until(() -> seller.api.get("/api/v1/orders/" + without).json()
        .at("/timeline").findValuesAsText("cause").contains("automatic registration not possible"));
    assertThat(seller.api.get("/api/v1/orders/" + without).json().at("/status").asText())
        .isEqualTo("PENDING_REGISTRATION");
    await().atMost(Duration.ofSeconds(20)).until(() -> seller.api.get("/api/v1/outbox?limit=200").body()
        .contains("Registration information missing"));

    advance("PT36H");
    // The buyer comes back with the token from the subscription, long expired: a clear page, no change.
    Http.Response expired = new Http(port).postForm("/marketplace/register",
        Map.of("x-amzn-marketplace-token", staleToken), null);
    assertThat(expired.status()).isEqualTo(400);
    assertThat(expired.body()).contains("expired");
    await().atMost(Duration.ofSeconds(20)).until(() -> seller.api.get("/api/v1/orders/" + publicId).json()
        .at("/timeline").findValuesAsText("cause").contains("registration deadline near"));
    assertThat(seller.api.get("/api/v1/orders/" + publicId).json().at("/flags").size()).isZero();

    advance("PT12H");
    JsonNode flagged = awaitFlag(seller, publicId);
    assertThat(flagged.at("/status").asText()).isEqualTo("PENDING_REGISTRATION");
    assertThat(flagged.at("/timeline").findValuesAsText("detail").toString()).contains("refund");
    await().atMost(Duration.ofSeconds(20)).until(() -> seller.api.get("/api/v1/outbox?limit=200").body()
        .contains("Cancel and refund advised"));
  }

  void advance(String duration) {
    Http.Response r = marketplace().postJson("/sandbox/clock/advance", Map.of("duration", duration));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  static JsonNode awaitStatus(ConnectedSeller seller, String orderId, String status) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      last[0] = seller.api.get("/api/v1/orders/" + orderId).json();
      return status.equals(last[0].at("/status").asText());
    });
    return last[0];
  }

  static JsonNode awaitFlag(ConnectedSeller seller, String orderId) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      last[0] = seller.api.get("/api/v1/orders/" + orderId).json();
      return last[0].at("/flags").toString().contains("CANCEL_AND_REFUND_ADVISED");
    });
    return last[0];
  }
}
