package org.offerdesk.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Operations endpoints: health says UP or DOWN to anyone and more only to the operations token or an admin;
 * metrics and the rest need one of those.
 */
@OfferDeskTest // with metrics and an operations token, as every OfferDeskTest
class OperationsEndpointsTest {

  static final String METRICS_TOKEN = OfferDeskTest.METRICS_TOKEN;

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void health_without_credentials_says_only_up() {
    Http.Response health = new Http(port).get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().at("/status").asText()).isEqualTo("UP");
    assertThat(health.json().has("components")).as(health.body()).isFalse();
    assertThat(health.body()).doesNotContain("db").doesNotContain("diskSpace").doesNotContain("PostgreSQL");
    assertThat(new Http(port).get("/actuator/health/liveness").json().at("/status").asText()).isEqualTo("UP");
  }

  @Test
  void health_details_are_for_the_operations_token_and_admins() {
    Http.Response withToken = new Http(port).bearer(METRICS_TOKEN).get("/actuator/health");
    assertThat(withToken.json().at("/components/db/status").asText()).as(withToken.body()).isEqualTo("UP");
    assertThat(withToken.json().at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");

    TestTenants.Tenant tenant = new TestTenants(context).seller("Ops Health Co");
    Http admin = new Http(port);
    admin.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    assertThat(admin.get("/actuator/health").json().at("/components/db/status").asText()).isEqualTo("UP");

    Http sales = new Http(port);
    sales.signIn(new TestTenants(context).user(tenant, Role.SALES), TestTenants.PASSWORD);
    assertThat(sales.get("/actuator/health").json().has("components")).isFalse();
  }

  @Test
  void prometheus_metrics_need_the_operations_token_or_an_admin_session() {
    Http.Response anonymous = new Http(port).get("/actuator/prometheus");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(anonymous.body()).doesNotContain("jvm_memory");
    assertThat(new Http(port).get("/actuator/info").status()).isEqualTo(401);

    Http.Response wrong = new Http(port).bearer("ops-token-for-tests-0123456780").get("/actuator/prometheus");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("jvm_memory");

    TestTenants.Tenant tenant = new TestTenants(context).seller("Ops Metrics Co");
    // An API token is not an operations token, even an admin's.
    assertThat(new Http(port).bearer(tenant.adminToken()).get("/actuator/prometheus").status()).isEqualTo(401);

    Http.Response metrics = new Http(port).bearer(METRICS_TOKEN).get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");

    Http admin = new Http(port);
    admin.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(200);

    Http viewer = new Http(port);
    viewer.signIn(new TestTenants(context).user(tenant, Role.VIEWER), TestTenants.PASSWORD);
    assertThat(viewer.get("/actuator/prometheus").status()).isEqualTo(403);
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
