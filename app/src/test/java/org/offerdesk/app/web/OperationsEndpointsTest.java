package org.offerdesk.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

@OfferDeskTest
@AutoConfigureObservability
class OperationsEndpointsTest {

  @LocalServerPort int port;

  @Test
  void health_reports_the_database() {
    Http.Response health = new Http(port).get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().at("/status").asText()).isEqualTo("UP");
    assertThat(health.json().at("/components/db/status").asText()).isEqualTo("UP");
  }

  @Test
  void prometheus_metrics_are_served() {
    Http.Response metrics = new Http(port).get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
  }

  @Test
  void the_openapi_document_describes_the_api() {
    Http.Response doc = new Http(port).get("/api/v1/openapi.json");
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.json().at("/paths").has("/api/v1/tokens")).isTrue();
    assertThat(doc.json().at("/paths").has("/api/v1/me")).isTrue();
  }

  @Test
  void pages_need_sign_in_and_send_people_to_the_sign_in_form() {
    Http.Response r = new Http(port).get("/settings/tokens");
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).endsWith("/signin");
  }
}
