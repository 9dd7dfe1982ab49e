package org.offerdesk.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * In the demo (the default mode, where the embedded sandbox and these tests live on this machine) a webhook
 * may point at 127.0.0.1; link-local addresses such as the cloud metadata service are refused whatever the
 * mode, and a receiver's redirect is never followed. All traffic stays on 127.0.0.1.
 */
@OfferDeskTest
class WebhookAddressTest {

  static final Duration WAIT = Duration.ofSeconds(15);

  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  Http admin;
  HttpServer receiver;
  final List<String> requested = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    admin = new Http(port).bearer(new TestTenants(context).seller("Address Co").adminToken());
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      requested.add(exchange.getRequestURI().getPath());
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/to-metadata")) {
        exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/iam/");
        exchange.sendResponseHeaders(302, -1);
      } else if (path.equals("/to-landing")) {
        exchange.getResponseHeaders().add("Location", base() + "/landed");
        exchange.sendResponseHeaders(307, -1);
      } else {
        byte[] body = "internal answer".getBytes();
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void tearDown() {
    receiver.stop(0);
  }

  String base() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort();
  }

  @Test
  void the_demo_allows_a_loopback_webhook_and_delivers_to_it() {
    WebhookDeliveryTest.Registered endpoint = WebhookDeliveryTest.register(admin, base() + "/hook", List.of("*"));
    JsonNode delivery = sendTest(endpoint.id(), "DELIVERED");
    assertThat(delivery.get("lastResponseStatus").asInt()).isEqualTo(200);
    assertThat(requested).containsExactly("/hook");
  }

  @Test
  void link_local_addresses_are_refused_on_save_with_a_422_naming_the_field() {
    for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/hook",
        "http://[::ffff:169.254.169.254]/hook", "http://0.0.0.0:" + receiver.getAddress().getPort() + "/hook")) {
      Http.Response refused = admin.postJson("/api/v1/webhooks", Map.of("url", url, "events", List.of("*")));
      assertThat(refused.status()).as(url + ": " + refused.body()).isEqualTo(422);
      assertThat(refused.header("Content-Type")).contains("application/problem+json");
      assertThat(refused.json().get("type").asText()).endsWith("/problems/address-refused");
      assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("url");
    }
    String id = WebhookDeliveryTest.register(admin, base() + "/hook", List.of("*")).id();
    Http.Response patched = admin.patchJson("/api/v1/webhooks/" + id,
        Map.of("url", "http://169.254.169.254/latest/meta-data/"));
    assertThat(patched.status()).as(patched.body()).isEqualTo(422);
    assertThat(patched.json().at("/errors/0/field").asText()).isEqualTo("url");
    assertThat(admin.get("/api/v1/webhooks/" + id).json().get("url").asText()).isEqualTo(base() + "/hook");
    assertThat(requested).isEmpty();
  }

  @Test
  void a_redirect_is_recorded_as_the_answer_and_never_followed() {
    WebhookDeliveryTest.Registered toMetadata = WebhookDeliveryTest.register(admin, base() + "/to-metadata",
        List.of("*"));
    JsonNode first = sendTest(toMetadata.id(), "RETRYING");
    assertThat(first.get("lastResponseStatus").asInt()).isEqualTo(302);
    assertThat(first.path("lastError").isMissingNode()).as(first.toString()).isTrue();

    WebhookDeliveryTest.Registered toLanding = WebhookDeliveryTest.register(admin, base() + "/to-landing",
        List.of("*"));
    JsonNode second = sendTest(toLanding.id(), "RETRYING");
    assertThat(second.get("lastResponseStatus").asInt()).isEqualTo(307);
    assertThat(requested).containsExactly("/to-metadata", "/to-landing");
  }

  private JsonNode sendTest(String endpointId, String status) {
    Http.Response test = admin.postJson("/api/v1/webhooks/" + endpointId + "/test", Map.of());
    assertThat(test.status()).as(test.body()).isEqualTo(202);
    String path = "/api/v1/webhooks/deliveries/" + test.json().get("id").asText();
    JsonNode[] last = new JsonNode[1];
    await().atMost(WAIT).until(() -> {
      last[0] = admin.get(path).json();
      return status.equals(last[0].get("status").asText());
    });
    return last[0];
  }
}
