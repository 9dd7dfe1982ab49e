package org.offerdesk.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.MutableClock;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A receiver that is down or failing gets the event again with backoff, on the platform clock (moved
 * forward here instead of waiting); after about a day of failures the delivery is FAILED, and an admin
 * redelivers it. It moves the shared context's clock forward by days, relying only on times relative to now.
 */
@OfferDeskTest
class WebhookRetryTest {

  static final Duration WAIT = Duration.ofSeconds(15);

  @Autowired Webhooks webhooks;
  @Autowired TransactionTemplate tx;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;
  @Autowired org.offerdesk.app.runtime.SecurityClock securityClock;
  @LocalServerPort int port;

  TestTenants.Tenant seller;
  Http admin;
  WebhookReceiver receiver;

  @BeforeEach
  void setUp() {
    seller = new TestTenants(context).seller("Retry Co");
    admin = new Http(port).bearer(seller.adminToken());
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  @Test
  void a_receiver_that_is_down_gets_the_event_once_it_is_back() {
    WebhookDeliveryTest.Registered endpoint = WebhookDeliveryTest.register(admin, receiver.url("/hook"),
        List.of("order.provisioned"));
    receiver.answer.set(500);
    String eventId = publish("order.provisioned");

    JsonNode delivery = awaitAttempts(endpoint, 1);
    assertThat(delivery.get("status").asText()).isEqualTo("RETRYING");
    assertThat(delivery.get("lastResponseStatus").asInt()).isEqualTo(500);
    assertThat(delivery.get("lastResponseBody").asText()).contains("receiver says 500");

    receiver.stop();
    advanceToNextAttempt(delivery, Duration.ofMinutes(1));
    delivery = awaitAttempts(endpoint, 2);
    assertThat(delivery.get("status").asText()).isEqualTo("RETRYING");
    assertThat(delivery.has("lastResponseStatus")).isFalse();
    assertThat(delivery.get("lastError").asText()).isEqualTo("Connection refused");

    advanceToNextAttempt(delivery, Duration.ofMinutes(2));
    delivery = awaitAttempts(endpoint, 3);
    assertThat(delivery.get("status").asText()).isEqualTo("RETRYING");

    receiver.answer.set(200);
    receiver.restart();
    advanceToNextAttempt(delivery, Duration.ofMinutes(3));
    delivery = awaitAttempts(endpoint, 4);
    assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
    assertThat(delivery.get("lastResponseStatus").asInt()).isEqualTo(200);
    assertThat(delivery.get("attempts")).extracting(a -> a.path("responseStatus").asInt(0))
        .containsExactly(500, 0, 0, 200);
    assertThat(delivery.get("attempts")).extracting(a -> a.path("error").asText(""))
        .containsExactly("", "Connection refused", "Connection refused", "");

    assertThat(receiver.at("/hook")).hasSize(2);
    WebhookReceiver.Received delivered = receiver.at("/hook").get(1);
    assertThat(delivered.header("OfferDesk-Event-Id")).isEqualTo(eventId);
    assertThat(WebhookReceiver.verify(endpoint.secret(), delivered.header("OfferDesk-Signature"), delivered.body(),
        securityClock.now())).isTrue();
  }

  @Test
  void a_delivery_fails_after_a_day_of_attempts_and_an_admin_redelivers_it() {
    WebhookDeliveryTest.Registered endpoint = WebhookDeliveryTest.register(admin, receiver.url("/hook"),
        List.of("*"));
    receiver.answer.set(503);
    String eventId = publish("order.booked");

    JsonNode delivery = awaitAttempts(endpoint, 1);
    for (int attempt = 2; attempt <= 12; attempt++) {
      advanceToNextAttempt(delivery, Duration.ofHours(10));
      delivery = awaitAttempts(endpoint, attempt);
    }
    String deliveryId = delivery.get("id").asText();
    await().atMost(WAIT).until(() -> "PARKED".equals(jobStatus(deliveryId, 1)));
    delivery = admin.get("/api/v1/webhooks/deliveries/" + deliveryId).json();
    assertThat(delivery.get("status").asText()).isEqualTo("FAILED");
    assertThat(delivery.get("attemptCount").asInt()).isEqualTo(12);
    assertThat(delivery.get("attempts")).hasSize(12).allSatisfy(a -> {
      assertThat(a.get("responseStatus").asInt()).isEqualTo(503);
      assertThat(a.get("series").asInt()).isEqualTo(1);
    });
    assertThat(receiver.at("/hook")).hasSize(12);
    assertThat(admin.get("/api/v1/jobs?status=PARKED").body()).contains("webhook.deliver");

    receiver.answer.set(200);
    Http.Response redelivered = admin.postJson("/api/v1/webhooks/deliveries/" + deliveryId + "/redeliver", Map.of());
    assertThat(redelivered.status()).as(redelivered.body()).isEqualTo(202);
    assertThat(redelivered.json().get("series").asInt()).isEqualTo(2);
    assertThat(redelivered.json().get("status").asText()).isEqualTo("PENDING");

    await().atMost(WAIT).until(() -> "DELIVERED".equals(
        admin.get("/api/v1/webhooks/deliveries/" + deliveryId).json().get("status").asText()));
    delivery = admin.get("/api/v1/webhooks/deliveries/" + deliveryId).json();
    assertThat(delivery.get("attemptCount").asInt()).isEqualTo(13);
    JsonNode last = delivery.get("attempts").get(12);
    assertThat(last.get("series").asInt()).isEqualTo(2);
    assertThat(last.get("number").asInt()).isEqualTo(1);
    assertThat(last.get("responseStatus").asInt()).isEqualTo(200);
    assertThat(receiver.at("/hook")).hasSize(13);
    assertThat(receiver.at("/hook").get(12).header("OfferDesk-Event-Id")).isEqualTo(eventId);
    assertThat(admin.get("/api/v1/audit-events").body()).contains("webhook.redelivered");
  }

  private String publish(String type) {
    String eventId = type + "-" + UUID.randomUUID();
    tx.executeWithoutResult(s -> webhooks.publish(seller.organizationId(), type, eventId, Map.of("orderId", "o")));
    return eventId;
  }

  private JsonNode awaitAttempts(WebhookDeliveryTest.Registered endpoint, int attempts) {
    await().atMost(WAIT).until(() -> {
      JsonNode items = WebhookDeliveryTest.deliveries(admin, endpoint.id());
      return items.size() == 1 && items.get(0).get("attemptCount").asInt() == attempts;
    });
    return WebhookDeliveryTest.deliveries(admin, endpoint.id()).get(0);
  }

  /** Once the failed attempt's job is back to waiting, moves the clock past its backoff (with jitter). */
  private void advanceToNextAttempt(JsonNode delivery, Duration by) {
    String id = delivery.get("id").asText();
    int series = delivery.get("series").asInt();
    await().atMost(WAIT).until(() -> "PENDING".equals(jobStatus(id, series)));
    clock.advance(by);
  }

  private String jobStatus(String deliveryId, int series) {
    return jdbc.sql("SELECT status FROM job WHERE dedupe_key = ?")
        .param("webhook.deliver:" + deliveryId + ":" + series).query(String.class).optional().orElse(null);
  }
}
