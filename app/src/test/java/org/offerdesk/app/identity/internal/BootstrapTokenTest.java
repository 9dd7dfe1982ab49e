package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo seller's API token for automation ({@code OFFERDESK_BOOTSTRAP_TOKEN}, set for every {@link OfferDeskTest}). */
@OfferDeskTest
class BootstrapTokenTest {

  static final String SECRET = OfferDeskTest.BOOTSTRAP_TOKEN;
  static final String RESELLER_SECRET = OfferDeskTest.RESELLER_BOOTSTRAP_TOKEN;

  @LocalServerPort int port;
  @Autowired DemoOrganizations demo;
  @Autowired JdbcClient jdbc;

  @Test
  void the_bootstrap_token_is_an_admin_of_the_demo_seller_and_survives_restarts() {
    Http automation = new Http(port).bearer(SECRET);
    Http.Response me = automation.get("/api/v1/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().at("/organization/name").asText()).isEqualTo("Demo ISV");
    assertThat(me.json().at("/role").asText()).isEqualTo("ADMIN");
    String id = me.json().at("/token/id").asText();

    assertThat(automation.delete("/api/v1/tokens/" + id).status()).isEqualTo(200);
    assertThat(automation.get("/api/v1/me").status()).isEqualTo(401);

    // The next start keeps the token as configured: one token, active again.
    demo.seed();
    demo.seed();
    assertThat(automation.get("/api/v1/me").status()).isEqualTo(200);
    assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE name = 'bootstrap'").query(Long.class).single())
        .isEqualTo(1);
    assertThat(jdbc.sql("SELECT count(*) FROM app_user WHERE email = ?").param(DemoOrganizations.ADMIN_EMAIL)
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void the_reseller_bootstrap_token_is_the_admin_of_the_demo_reseller_and_survives_restarts() {
    Http automation = new Http(port).bearer(RESELLER_SECRET);
    Http.Response me = automation.get("/api/v1/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().at("/organization/name").asText()).isEqualTo("Demo Reseller");
    assertThat(me.json().at("/role").asText()).isEqualTo("PARTNER_ADMIN");
    // It reaches the reseller's own data, and nothing of the seller's settings.
    assertThat(automation.get("/api/v1/offers").status()).isEqualTo(200);
    assertThat(automation.get("/api/v1/tokens").status()).isEqualTo(200);
    assertThat(automation.get("/api/v1/tokens").body()).doesNotContain("\"bootstrap\"");

    assertThat(automation.delete("/api/v1/tokens/" + me.json().at("/token/id").asText()).status()).isEqualTo(200);
    assertThat(automation.get("/api/v1/me").status()).isEqualTo(401);
    demo.seed();
    assertThat(automation.get("/api/v1/me").status()).isEqualTo(200);
    assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE name = 'bootstrap-reseller'").query(Long.class)
        .single()).isEqualTo(1);
  }
}
