package org.offerdesk.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Events published by a capability reach the endpoints subscribed to them, once, signed as documented. */
@OfferDeskTest
class WebhookDeliveryTest {

  static final Duration WAIT = Duration.ofSeconds(15);
  static final ObjectMapper json = new ObjectMapper();

  @Autowired Webhooks webhooks;
  @Autowired TransactionTemplate tx;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired org.offerdesk.app.runtime.SecurityClock securityClock;
  @LocalServerPort int port;

  TestTenants.Tenant seller;
  Http admin;
  WebhookReceiver receiver;

  /** An endpoint as its creator got it, secret included. */
  record Registered(String id, String secret) {}

  @BeforeEach
  void setUp() {
    seller = new TestTenants(context).seller("Webhook Co");
    admin = new Http(port).bearer(seller.adminToken());
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  static Registered register(Http as, String url, List<String> events) {
    Http.Response created = as.postJson("/api/v1/webhooks", Map.of("url", url, "events", events));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Registered(created.json().get("id").asText(), created.json().get("secret").asText());
  }

  static JsonNode deliveries(Http as, String endpointId) {
    Http.Response r = as.get("/api/v1/webhooks/" + endpointId + "/deliveries");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("items");
  }

  @Test
  void a_published_event_is_delivered_once_to_each_subscribed_endpoint_signed_as_documented() throws Exception {
    Registered everything = register(admin, receiver.url("/all"), List.of("*"));
    Registered created = register(admin, receiver.url("/created"), List.of("order.created", "order.ended"));
    Registered registered = register(admin, receiver.url("/registered"), List.of("order.registered"));
    Registered disabled = register(admin, receiver.url("/disabled"), List.of("*"));
    assertThat(admin.patchJson("/api/v1/webhooks/" + disabled.id(), Map.of("enabled", false)).status()).isEqualTo(200);
    TestTenants.Tenant other = new TestTenants(context).seller("Other Webhook Co");
    register(new Http(port).bearer(other.adminToken()), receiver.url("/other-tenant"), List.of("*"));

    String eventId = "order-created-" + UUID.randomUUID();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", "ord-1");
    data.put("totalContractValue", new BigDecimal("12000.50"));
    tx.executeWithoutResult(s -> webhooks.publish(seller.organizationId(), "order.created", eventId, data));

    await().atMost(WAIT).until(() -> receiver.at("/all").size() == 1 && receiver.at("/created").size() == 1);
    await().atMost(WAIT).until(() -> "DELIVERED".equals(deliveries(admin, everything.id()).get(0).get("status").asText())
        && "DELIVERED".equals(deliveries(admin, created.id()).get(0).get("status").asText()));
    // Deliveries are decided when the event is published: none exist for the others, so none will come.
    assertThat(deliveries(admin, registered.id())).isEmpty();
    assertThat(deliveries(admin, disabled.id())).isEmpty();
    assertThat(receiver.at("/registered")).isEmpty();
    assertThat(receiver.at("/disabled")).isEmpty();
    assertThat(receiver.at("/other-tenant")).isEmpty();

    for (Registered endpoint : List.of(everything, created)) {
      WebhookReceiver.Received got = receiver.at(endpoint == everything ? "/all" : "/created").get(0);
      assertThat(got.header("Content-Type")).startsWith("application/json");
      assertThat(got.header("User-Agent")).isEqualTo("OfferDesk-Webhooks/1");
      assertThat(got.header("OfferDesk-Event-Id")).isEqualTo(eventId);
      assertThat(got.header("OfferDesk-Event-Type")).isEqualTo("order.created");
      assertThat(got.header("OfferDesk-Signature")).matches("t=\\d+,v1=[0-9a-f]{64}");
      assertThat(WebhookReceiver.verify(endpoint.secret(), got.header("OfferDesk-Signature"), got.body(),
          securityClock.now())).isTrue();
      // A changed body, another secret, or an old timestamp fail.
      assertThat(WebhookReceiver.verify(endpoint.secret(), got.header("OfferDesk-Signature"), got.body() + " ",
          securityClock.now())).isFalse();
      assertThat(WebhookReceiver.verify(everything == endpoint ? created.secret() : everything.secret(),
          got.header("OfferDesk-Signature"), got.body(), securityClock.now())).isFalse();
      assertThat(WebhookReceiver.verify(endpoint.secret(), got.header("OfferDesk-Signature"), got.body(),
          securityClock.now().plus(Duration.ofMinutes(6)))).isFalse();

      JsonNode body = json.readTree(got.body());
      assertThat(body.get("id").asText()).isEqualTo(eventId);
      assertThat(body.get("type").asText()).isEqualTo("order.created");
      assertThat(body.get("organizationId").asText()).isEqualTo(seller.organizationId().toString());
      assertThat(body.get("createdAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
      assertThat(body.get("data").get("orderId").asText()).isEqualTo("ord-1");
      assertThat(body.get("data").get("totalContractValue").decimalValue()).isEqualByComparingTo("12000.50");
    }

    JsonNode logged = deliveries(admin, everything.id()).get(0);
    assertThat(logged.get("eventId").asText()).isEqualTo(eventId);
    assertThat(logged.get("eventType").asText()).isEqualTo("order.created");
    assertThat(logged.get("attemptCount").asInt()).isEqualTo(1);
    assertThat(logged.get("lastResponseStatus").asInt()).isEqualTo(200);
    assertThat(logged.get("lastResponseBody").asText()).contains("ok");
    assertThat(logged.get("deliveredAt")).isNotNull();
    assertThat(logged.get("attempts")).hasSize(1);
    assertThat(logged.get("attempts").get(0).get("responseStatus").asInt()).isEqualTo(200);
  }

  @Test
  void publishing_the_same_event_id_twice_delivers_it_once() {
    Registered endpoint = register(admin, receiver.url("/hook"), List.of("order.registered"));
    String eventId = "order-registered-" + UUID.randomUUID();
    tx.executeWithoutResult(s -> webhooks.publish(seller.organizationId(), "order.registered", eventId,
        Map.of("orderId", "ord-2")));
    tx.executeWithoutResult(s -> webhooks.publish(seller.organizationId(), "order.registered", eventId,
        Map.of("orderId", "ord-2", "again", true)));

    await().atMost(WAIT).until(() -> "DELIVERED".equals(deliveries(admin, endpoint.id()).get(0).get("status").asText()));
    assertThat(deliveries(admin, endpoint.id())).hasSize(1);
    assertThat(receiver.at("/hook")).hasSize(1);
    assertThat(receiver.at("/hook").get(0).body()).doesNotContain("again");
  }

  @Test
  void a_batch_keeps_only_the_events_an_enabled_endpoint_receives() {
    String nobody = "batch-nobody-" + UUID.randomUUID();
    tx.executeWithoutResult(s -> webhooks.publishAll(seller.organizationId(),
        List.of(new Webhooks.Event("invoice.issued", nobody, Map.of("invoiceId", "inv-1")))));
    assertThat(webhooks.subscribed(seller.organizationId(), "invoice.issued")).isFalse();
    assertThat(jdbc.sql("SELECT count(*) FROM webhook_event WHERE event_id = ?").param(nobody)
        .query(Long.class).single()).isZero();

    Registered issued = register(admin, receiver.url("/issued"), List.of("invoice.issued"));
    Registered disabled = register(admin, receiver.url("/disabled"), List.of("*"));
    assertThat(admin.patchJson("/api/v1/webhooks/" + disabled.id(), Map.of("enabled", false)).status()).isEqualTo(200);
    assertThat(webhooks.subscribed(seller.organizationId(), "invoice.issued")).isTrue();
    assertThat(webhooks.subscribed(seller.organizationId(), "invoice.collected")).isFalse();
    String collected = "batch-collected-" + UUID.randomUUID();
    tx.executeWithoutResult(s -> webhooks.publishAll(seller.organizationId(), List.of(
        new Webhooks.Event("invoice.issued", nobody, Map.of("invoiceId", "inv-1")),
        new Webhooks.Event("invoice.collected", collected, Map.of("invoiceId", "inv-1")))));
    // the ID nobody received before is new to the endpoint that subscribed since
    await().atMost(WAIT).until(() -> receiver.at("/issued").size() == 1);
    assertThat(receiver.at("/issued").get(0).header("OfferDesk-Event-Id")).isEqualTo(nobody);
    assertThat(jdbc.sql("SELECT count(*) FROM webhook_event WHERE event_id = ?").param(collected)
        .query(Long.class).single()).isZero();
    assertThat(deliveries(admin, disabled.id())).isEmpty();
  }

  @Test
  void an_event_published_in_a_rolled_back_transaction_is_never_delivered() {
    Registered endpoint = register(admin, receiver.url("/hook"), List.of("*"));
    String rolledBack = "rolled-back-" + UUID.randomUUID();
    tx.executeWithoutResult(s -> {
      webhooks.publish(seller.organizationId(), "order.cancelled", rolledBack, Map.of("orderId", "ord-3"));
      s.setRollbackOnly();
    });
    assertThat(jdbc.sql("SELECT count(*) FROM webhook_event WHERE event_id = ?").param(rolledBack)
        .query(Long.class).single()).isZero();
    assertThat(deliveries(admin, endpoint.id())).isEmpty();

    String committed = "committed-" + UUID.randomUUID();
    tx.executeWithoutResult(s -> webhooks.publish(seller.organizationId(), "order.cancelled", committed,
        Map.of("orderId", "ord-3")));
    await().atMost(WAIT).until(() -> "DELIVERED".equals(deliveries(admin, endpoint.id()).get(0).get("status").asText()));
    assertThat(receiver.at("/hook")).extracting(r -> r.header("OfferDesk-Event-Id")).containsExactly(committed);
  }

  @Test
  void an_admin_sends_a_test_event_to_an_endpoint() throws Exception {
    Registered endpoint = register(admin, receiver.url("/hook"), List.of("order.booked"));
    Http.Response test = admin.postJson("/api/v1/webhooks/" + endpoint.id() + "/test", Map.of());
    assertThat(test.status()).as(test.body()).isEqualTo(202);
    assertThat(test.json().get("eventType").asText()).isEqualTo("webhook.test");

    await().atMost(WAIT).until(() -> "DELIVERED".equals(admin.get("/api/v1/webhooks/deliveries/"
        + test.json().get("id").asText()).json().get("status").asText()));
    WebhookReceiver.Received got = receiver.at("/hook").get(0);
    assertThat(got.header("OfferDesk-Event-Type")).isEqualTo("webhook.test");
    assertThat(WebhookReceiver.verify(endpoint.secret(), got.header("OfferDesk-Signature"), got.body(),
        securityClock.now())).isTrue();
    assertThat(json.readTree(got.body()).get("data").get("endpointId").asText()).isEqualTo(endpoint.id());
  }
}
