package org.offerdesk.app.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
 * Production never seeds demo history, even when asked to ({@link ProductionMode} sets the demo data on). In the
 * production context of the outbound-address tests (same properties, so no context of its own).
 */
@OfferDeskTest
@ProductionMode
@TestPropertySource(properties = "offerdesk.outbound.allow=localhost")
@OwnContext
class DemoInProductionTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  @Test
  void production_seeds_nothing_and_has_no_reset() {
    assertThat(jdbc.sql("SELECT count(*) FROM demo_seeding").query(Long.class).single()).isZero();
    Http admin = new Http(port).bearer(new TestTenants(context).seller("Production Demo Co").adminToken());
    Http.Response reset = admin.postJson("/api/v1/demo/reset", Map.of());
    assertThat(reset.status()).isEqualTo(404);
    assertThat(reset.header("Content-Type")).startsWith("application/problem+json");
    assertThat(jdbc.sql("SELECT count(*) FROM demo_seeding").query(Long.class).single()).isZero();
  }
}
