package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.MutableClock;
import org.offerdesk.app.support.SecurityTime;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@OfferDeskTest
class ApiTokensTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;
  @Autowired SecurityTime securityTime;

  TestTenants.Tenant tenant;
  Http admin;

  @BeforeEach
  void setUp() {
    tenant = new TestTenants(context).seller("Tokens Co");
    admin = new Http(port).bearer(tenant.adminToken());
  }

  @Test
  void an_admin_creates_lists_uses_and_revokes_a_token() {
    Http.Response created = admin.postJson("/api/v1/tokens", Map.of("name", "CRM sync", "role", "SALES"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).contains("no-store");
    String secret = created.json().at("/secret").asText();
    String id = created.json().at("/token/id").asText();
    assertThat(secret).startsWith("od_");
    assertThat(created.header("Location")).endsWith("/api/v1/tokens/" + id);

    // The secret is never shown again, and is stored only as a hash.
    Http.Response list = admin.get("/api/v1/tokens");
    assertThat(list.body()).contains("CRM sync").doesNotContain(secret);
    assertThat(list.json().at("/items").size()).isEqualTo(2);
    List<String> stored = jdbc.sql("SELECT concat_ws('|', name, secret_hash, secret_prefix) FROM api_token")
        .query(String.class).list();
    assertThat(stored).noneMatch(row -> row.contains(secret));

    Http crm = new Http(port).bearer(secret);
    Http.Response me = crm.get("/api/v1/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().at("/token/name").asText()).isEqualTo("CRM sync");
    assertThat(me.json().at("/role").asText()).isEqualTo("SALES");
    assertThat(me.json().at("/user").isMissingNode()).isTrue();

    Http.Response revoked = admin.delete("/api/v1/tokens/" + id);
    assertThat(revoked.json().at("/status").asText()).isEqualTo("REVOKED");
    Http.Response refused = crm.get("/api/v1/me");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().at("/detail").asText()).contains("revoked");
    assertThat(refused.json().at("/type").asText()).isEqualTo("/problems/unauthenticated");

    assertThat(jdbc.sql("SELECT action FROM audit_event WHERE organization_id = ?").param(tenant.organizationId())
        .query(String.class).list()).contains("token.created", "token.revoked");
  }

  @Test
  void a_token_revoked_by_another_instance_is_refused_within_the_verified_tokens_bound() {
    String secret = admin.postJson("/api/v1/tokens", Map.of("name", "elsewhere"))
        .json().at("/secret").asText();
    Http elsewhere = new Http(port).bearer(secret);
    assertThat(elsewhere.get("/api/v1/me").status()).isEqualTo(200);

    // Another OfferDesk on the same database revokes it: this instance may trust its read for VerifiedTokens.FOR.
    jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE secret_prefix = ? AND organization_id = ?")
        .params(TokenSecrets.displayPrefix(secret), tenant.organizationId()).update();
    securityTime.advance(VerifiedTokens.FOR);
    Http.Response refused = elsewhere.get("/api/v1/me");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().at("/detail").asText()).contains("revoked");
  }

  @Test
  void an_expired_token_is_refused() {
    String secret = admin.postJson("/api/v1/tokens", Map.of("name", "short", "expiresInDays", 1))
        .json().at("/secret").asText();
    Http shortLived = new Http(port).bearer(secret);
    assertThat(shortLived.get("/api/v1/me").status()).isEqualTo(200);

    // Business time is not security time: moving the business clock leaves the token valid.
    clock.advance(Duration.ofDays(2));
    assertThat(shortLived.get("/api/v1/me").status()).isEqualTo(200);

    securityTime.advance(Duration.ofDays(2));
    Http.Response refused = shortLived.get("/api/v1/me");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().at("/detail").asText()).contains("expired");
  }

  @Test
  void unknown_and_missing_tokens_get_a_problem_not_a_login_page() {
    Http.Response unknown = new Http(port).bearer("od_not-a-real-token").get("/api/v1/me");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.header("WWW-Authenticate")).contains("invalid_token");
    Http.Response none = new Http(port).get("/api/v1/me");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void roles_decide_what_a_token_may_do() {
    String viewer = new TestTenants(context).token(tenant, org.offerdesk.app.identity.Role.VIEWER);
    Http asViewer = new Http(port).bearer(viewer);
    assertThat(asViewer.get("/api/v1/me").json().at("/permissions").toString())
        .contains("OFFERS_VIEW").doesNotContain("OFFERS_EDIT");
    Http.Response denied = asViewer.postJson("/api/v1/tokens", Map.of("name", "escalate", "role", "ADMIN"));
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.json().at("/type").asText()).isEqualTo("/problems/forbidden");
    assertThat(asViewer.get("/api/v1/users").status()).isEqualTo(403);
    assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE name = 'escalate'").query(Long.class).single()).isZero();
  }

  @Test
  void a_token_cannot_take_a_role_of_the_other_kind_of_organization() {
    Http.Response r = admin.postJson("/api/v1/tokens", Map.of("name", "partner?", "role", "PARTNER_ADMIN"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("role");
  }
}
