package org.offerdesk.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.support.OwnContext;
import org.offerdesk.app.support.ProductionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * In production a tenant cannot point a webhook at the server's own network: 127.0.0.1 is refused on save,
 * and a URL that comes to resolve there later is refused at send time, FAILED at once, and nothing reaches
 * the receiver (which listens on 127.0.0.1, the only address these tests send to). The operator's allow list
 * (here the host name {@code localhost}) opens exactly what it names.
 */
@OfferDeskTest
@ProductionMode
@TestPropertySource(properties = "offerdesk.outbound.allow=localhost")
@OwnContext
class WebhookProductionAddressTest {

  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  Http admin;
  WebhookReceiver receiver;

  @BeforeEach
  void setUp() {
    admin = new Http(port).bearer(new TestTenants(context).seller("Production Hooks Co").adminToken());
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  @Test
  void a_loopback_webhook_is_refused_on_save_with_a_422_naming_the_field() {
    String loopback = receiver.url("/hook").replace("localhost", "127.0.0.1");
    for (String url : List.of(loopback, "http://[::1]:9/hook", "http://127.0.0.2:9/hook", "http://10.0.0.7/hook",
        "http://169.254.169.254/latest/meta-data/")) {
      Http.Response refused = admin.postJson("/api/v1/webhooks", Map.of("url", url, "events", List.of("*")));
      assertThat(refused.status()).as(url + ": " + refused.body()).isEqualTo(422);
      assertThat(refused.json().get("type").asText()).endsWith("/problems/address-refused");
      assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("url");
      assertThat(refused.json().at("/errors/0/message").asText()).contains("OfferDesk");
    }
    assertThat(admin.get("/api/v1/webhooks").json().get("items")).isEmpty();
    assertThat(receiver.received).isEmpty();
  }

  @Test
  void a_host_the_operator_allows_is_called_in_production() {
    WebhookDeliveryTest.Registered endpoint = WebhookDeliveryTest.register(admin, receiver.url("/allowed"),
        List.of("*"));
    Http.Response test = admin.postJson("/api/v1/webhooks/" + endpoint.id() + "/test", Map.of());
    assertThat(test.status()).as(test.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(admin.get("/api/v1/webhooks/deliveries/"
        + test.json().get("id").asText()).json().get("status").asText()));
    assertThat(receiver.at("/allowed")).hasSize(1);
  }

  @Test
  void an_endpoint_that_now_points_at_loopback_fails_at_once_without_sending_or_retrying() {
    // A host that does not resolve is accepted on save (it is judged whenever it is called); here its
    // row is then pointed at 127.0.0.1, as a DNS name could come to resolve there.
    String id = WebhookDeliveryTest.register(admin, "https://hooks.offerdesk-test.invalid/hook", List.of("*")).id();
    jdbc.sql("UPDATE webhook_endpoint SET url = ? WHERE id = CAST(? AS uuid)")
        .params(receiver.url("/hook").replace("localhost", "127.0.0.1"), id).update();

    Http.Response test = admin.postJson("/api/v1/webhooks/" + id + "/test", Map.of());
    assertThat(test.status()).as(test.body()).isEqualTo(202);
    String path = "/api/v1/webhooks/deliveries/" + test.json().get("id").asText();
    JsonNode[] delivery = new JsonNode[1];
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      delivery[0] = admin.get(path).json();
      return "FAILED".equals(delivery[0].get("status").asText());
    });
    assertThat(delivery[0].get("attemptCount").asInt()).as(delivery[0].toString()).isEqualTo(1);
    assertThat(delivery[0].get("lastError").asText()).startsWith("Not sent: 127.0.0.1 is a loopback address");
    assertThat(delivery[0].path("lastResponseStatus").isMissingNode()).isTrue();
    assertThat(delivery[0].path("lastResponseBody").isMissingNode()).isTrue();
    assertThat(receiver.received).isEmpty();
    // Its job ended: nothing is waiting to retry it, and nothing is parked for an admin either.
    await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("SELECT status FROM job WHERE dedupe_key = ?")
        .param("webhook.deliver:" + test.json().get("id").asText() + ":1").query(String.class).single()
        .equals("DONE"));
  }
}
