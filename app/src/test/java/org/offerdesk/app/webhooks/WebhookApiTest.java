package org.offerdesk.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** Managing endpoints through the API: validation, secrets shown once, permissions and tenancy. */
@OfferDeskTest
class WebhookApiTest {

  @Autowired ApplicationContext context;
  @Autowired Webhooks webhooks;
  @Autowired TransactionTemplate tx;
  @LocalServerPort int port;

  TestTenants tenants;
  TestTenants.Tenant seller;
  Http admin;
  WebhookReceiver receiver;

  @BeforeEach
  void setUp() {
    tenants = new TestTenants(context);
    seller = tenants.seller("Webhook API Co");
    admin = new Http(port).bearer(seller.adminToken());
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  @Test
  void a_bad_url_or_an_unknown_event_type_is_refused_naming_the_field() {
    assertInvalid(Map.of("url", "ftp://example.com/hook", "events", List.of("*")), "url");
    assertInvalid(Map.of("url", "not a url at all", "events", List.of("*")), "url");
    assertInvalid(Map.of("url", "https:///no-host", "events", List.of("*")), "url");
    assertInvalid(Map.of("events", List.of("*")), "url");
    assertInvalid(Map.of("url", "https://example.com/hook", "events", List.of("order.created", "order.exploded")),
        "events[1]");
    assertInvalid(Map.of("url", "https://example.com/hook", "events", List.of()), "events");
    assertInvalid(Map.of("url", "https://example.com/hook"), "events");
    assertInvalid(Map.of("url", "https://example.com/hook", "events", List.of("*"), "secret", "mine"), "secret");
    assertThat(admin.get("/api/v1/webhooks").json().get("items")).isEmpty();

    String id = WebhookDeliveryTest.register(admin, "https://example.com/hook", List.of("*")).id();
    Http.Response badPatch = admin.patchJson("/api/v1/webhooks/" + id, Map.of("events", List.of("orders.*")));
    assertThat(badPatch.status()).isEqualTo(400);
    assertThat(badPatch.json().get("errors").get(0).get("field").asText()).isEqualTo("events[0]");
  }

  @Test
  void an_endpoint_is_created_with_its_secret_shown_once_changed_rotated_and_deleted() {
    Http.Response created = admin.postJson("/api/v1/webhooks", Map.of("url", "http://localhost:9/provision",
        "events", List.of("order.created", "order.registered", "order.created"), "description", "Provisioning"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).contains("no-store");
    String id = created.json().get("id").asText();
    assertThat(created.header("Location")).endsWith("/api/v1/webhooks/" + id);
    String secret = created.json().get("secret").asText();
    assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(30);
    assertThat(created.json().get("events")).extracting(JsonNode::asText)
        .containsExactly("order.created", "order.registered");
    assertThat(created.json().get("enabled").asBoolean()).isTrue();
    assertThat(created.json().get("secretHint").asText()).endsWith(secret.substring(secret.length() - 4));

    JsonNode read = admin.get("/api/v1/webhooks/" + id).json();
    assertThat(read.has("secret")).isFalse();
    assertThat(read.toString()).doesNotContain(secret);
    assertThat(admin.get("/api/v1/webhooks").json().get("items")).extracting(e -> e.get("id").asText())
        .containsExactly(id);

    Http.Response changed = admin.patchJson("/api/v1/webhooks/" + id, Map.of("events", List.of("*"),
        "enabled", false, "description", ""));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().get("events")).extracting(JsonNode::asText).containsExactly("*");
    assertThat(changed.json().get("enabled").asBoolean()).isFalse();
    assertThat(changed.json().has("description")).isFalse();
    assertThat(changed.json().has("secret")).isFalse();

    Http.Response rotated = admin.patchJson("/api/v1/webhooks/" + id, Map.of("rotateSecret", true));
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.header("Cache-Control")).contains("no-store");
    assertThat(rotated.json().get("secret").asText()).startsWith("whsec_").isNotEqualTo(secret);

    assertThat(admin.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
    assertThat(admin.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);

    String audit = admin.get("/api/v1/audit-events?limit=200").body();
    assertThat(audit).contains("webhook.created", "webhook.changed", "webhook.secret_rotated", "webhook.deleted");
    assertThat(audit).doesNotContain(secret);
  }

  @Test
  void a_rotated_secret_signs_the_next_deliveries() {
    WebhookDeliveryTest.Registered endpoint = WebhookDeliveryTest.register(admin, receiver.url("/hook"),
        List.of("order.ended"));
    String newSecret = admin.patchJson("/api/v1/webhooks/" + endpoint.id(), Map.of("rotateSecret", true)).json()
        .get("secret").asText();
    String eventId = "ended-" + UUID.randomUUID();
    tx.executeWithoutResult(s -> webhooks.publish(seller.organizationId(), "order.ended", eventId, Map.of()));
    await().atMost(WebhookDeliveryTest.WAIT).until(() -> receiver.at("/hook").size() == 1);
    WebhookReceiver.Received got = receiver.at("/hook").get(0);
    java.time.Instant now = context.getBean(org.offerdesk.app.runtime.SecurityClock.class).now();
    assertThat(WebhookReceiver.verify(newSecret, got.header("OfferDesk-Signature"), got.body(), now)).isTrue();
    assertThat(WebhookReceiver.verify(endpoint.secret(), got.header("OfferDesk-Signature"), got.body(), now))
        .isFalse();
  }

  @Test
  void another_organizations_endpoints_and_deliveries_are_not_found() {
    WebhookDeliveryTest.Registered endpoint = WebhookDeliveryTest.register(admin, receiver.url("/hook"),
        List.of("*"));
    Http.Response test = admin.postJson("/api/v1/webhooks/" + endpoint.id() + "/test", Map.of());
    String deliveryId = test.json().get("id").asText();

    Http other = new Http(port).bearer(tenants.seller("Nosy Co").adminToken());
    String path = "/api/v1/webhooks/" + endpoint.id();
    assertThat(other.get(path).status()).isEqualTo(404);
    assertThat(other.patchJson(path, Map.of("enabled", false)).status()).isEqualTo(404);
    assertThat(other.delete(path).status()).isEqualTo(404);
    assertThat(other.get(path + "/deliveries").status()).isEqualTo(404);
    assertThat(other.postJson(path + "/test", Map.of()).status()).isEqualTo(404);
    assertThat(other.get("/api/v1/webhooks/deliveries/" + deliveryId).status()).isEqualTo(404);
    assertThat(other.postJson("/api/v1/webhooks/deliveries/" + deliveryId + "/redeliver", Map.of()).status())
        .isEqualTo(404);
    assertThat(other.get("/api/v1/webhooks").json().get("items")).isEmpty();
    assertThat(admin.get(path).json().get("enabled").asBoolean()).isTrue();

    assertThat(admin.get("/api/v1/webhooks/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  @Test
  void only_roles_that_manage_settings_manage_webhooks() {
    Http sales = new Http(port).bearer(tenants.token(seller, Role.SALES));
    assertThat(sales.get("/api/v1/webhooks").status()).isEqualTo(403);
    assertThat(sales.postJson("/api/v1/webhooks", Map.of("url", "https://example.com", "events", List.of("*")))
        .status()).isEqualTo(403);
    assertThat(new Http(port).get("/api/v1/webhooks").status()).isEqualTo(401);
  }

  private void assertInvalid(Map<String, Object> body, String field) {
    Http.Response r = admin.postJson("/api/v1/webhooks", new HashMap<>(body));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("errors")).as(r.body()).extracting(e -> e.get("field").asText()).contains(field);
  }
}
