package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Two organizations side by side: nothing of one is visible to the other, by API or by page. */
@OfferDeskTest
class TenantIsolationTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  TestTenants.Tenant alpha;
  TestTenants.Tenant beta;
  Http alphaApi;
  Http betaApi;

  @BeforeEach
  void setUp() {
    TestTenants tenants = new TestTenants(context);
    alpha = tenants.seller("Alpha Software");
    beta = tenants.seller("Beta Software");
    alphaApi = new Http(port).bearer(alpha.adminToken());
    betaApi = new Http(port).bearer(beta.adminToken());
  }

  @Test
  void me_names_only_the_callers_organization() {
    assertThat(alphaApi.get("/api/v1/me").json().at("/organization/id").asText())
        .isEqualTo(alpha.organizationId().toString());
    assertThat(betaApi.get("/api/v1/me").json().at("/organization/id").asText())
        .isEqualTo(beta.organizationId().toString());
  }

  @Test
  void tokens_of_another_organization_are_invisible_and_untouchable() {
    String alphaTokenId = alphaApi.postJson("/api/v1/tokens", Map.of("name", "alpha-only")).json()
        .at("/token/id").asText();
    assertThat(betaApi.get("/api/v1/tokens").body()).doesNotContain("alpha-only").doesNotContain(alphaTokenId);
    Http.Response get = betaApi.get("/api/v1/tokens/" + alphaTokenId);
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.json().at("/type").asText()).isEqualTo("/problems/not-found");
    assertThat(betaApi.delete("/api/v1/tokens/" + alphaTokenId).status()).isEqualTo(404);
    assertThat(alphaApi.get("/api/v1/tokens/" + alphaTokenId).json().at("/status").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void users_of_another_organization_are_invisible_and_untouchable() {
    String alphaUserId = alphaApi.postJson("/api/v1/users",
        Map.of("email", "seller@alpha.test", "displayName", "Alpha Seller", "role", "SALES")).json()
        .at("/user/id").asText();
    assertThat(betaApi.get("/api/v1/users").body()).doesNotContain("seller@alpha.test");
    assertThat(betaApi.get("/api/v1/users/" + alphaUserId).status()).isEqualTo(404);
    assertThat(betaApi.patchJson("/api/v1/users/" + alphaUserId, Map.of("role", "ADMIN")).status()).isEqualTo(404);
    assertThat(alphaApi.get("/api/v1/users/" + alphaUserId).json().at("/role").asText()).isEqualTo("SALES");
  }

  @Test
  void the_audit_log_shows_only_the_callers_organization() {
    alphaApi.postJson("/api/v1/tokens", Map.of("name", "alpha-audited"));
    assertThat(alphaApi.get("/api/v1/audit-events").body()).contains("alpha-audited");
    assertThat(betaApi.get("/api/v1/audit-events").body()).doesNotContain("alpha-audited");
  }

  @Test
  void console_pages_show_only_the_callers_organization() {
    alphaApi.postJson("/api/v1/tokens", Map.of("name", "alpha-page-token"));
    Http betaBrowser = new Http(port);
    betaBrowser.signIn(beta.adminEmail(), TestTenants.PASSWORD);
    assertThat(betaBrowser.get("/settings/users").body()).contains(beta.adminEmail())
        .doesNotContain(alpha.adminEmail());
    assertThat(betaBrowser.get("/settings/tokens").body()).doesNotContain("alpha-page-token");
    assertThat(betaBrowser.get("/settings/audit").body()).doesNotContain("alpha-page-token");

    String alphaTokenId = alphaApi.get("/api/v1/tokens").json().at("/items/0/id").asText();
    String csrf = betaBrowser.csrfFrom("/settings/tokens");
    assertThat(betaBrowser.postForm("/settings/tokens/" + alphaTokenId + "/revoke", Map.of(), csrf).status())
        .isEqualTo(404);
    assertThat(alphaApi.get("/api/v1/tokens/" + alphaTokenId).json().at("/status").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void a_reseller_sees_only_its_own_users() {
    TestTenants.Tenant reseller = new TestTenants(context).reseller("Channel Co");
    Http resellerApi = new Http(port).bearer(reseller.adminToken());
    assertThat(resellerApi.get("/api/v1/me").json().at("/role").asText()).isEqualTo(Role.PARTNER_ADMIN.name());
    assertThat(resellerApi.get("/api/v1/users").body()).contains(reseller.adminEmail())
        .doesNotContain(alpha.adminEmail());
  }
}
