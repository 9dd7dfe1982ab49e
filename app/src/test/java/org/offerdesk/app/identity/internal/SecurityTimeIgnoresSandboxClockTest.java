package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.runtime.SecurityClock;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxClockTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 11: moving the embedded sandbox's clock a year ahead moves OfferDesk's business clock, but no
 * security time: a 1-day API token stays valid, a locked account stays locked, a signed-in session stays
 * signed in, and audit events are stamped with the wall clock. Everything goes through real HTTP.
 */
@SandboxClockTest
class SecurityTimeIgnoresSandboxClockTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired Clock businessClock;
  @Autowired SecurityClock securityClock;
  @Autowired JdbcClient jdbc;

  @Test
  void a_year_on_the_sandbox_clock_leaves_tokens_lockouts_sessions_and_audit_on_wall_time() {
    TestTenants.Tenant tenant = new TestTenants(context).seller("Wall Time Co");
    Http admin = new Http(port).bearer(tenant.adminToken());
    Http.Response issued = admin.postJson("/api/v1/tokens", Map.of("name", "one day", "expiresInDays", 1));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    Http oneDay = new Http(port).bearer(issued.json().at("/secret").asText());
    assertThat(oneDay.get("/api/v1/me").status()).isEqualTo(200);

    String lockedEmail = new TestTenants(context).user(tenant, org.offerdesk.app.identity.Role.VIEWER);
    for (int i = 0; i < 5; i++) {
      new Http(port).signIn(lockedEmail, "wrong guess " + i);
    }
    assertThat(new Http(port).signIn(lockedEmail, TestTenants.PASSWORD).header("Location"))
        .endsWith("/signin?error=locked");

    Http console = new Http(port);
    assertThat(console.signIn(tenant.adminEmail(), TestTenants.PASSWORD).header("Location")).endsWith("/dashboard");

    Instant businessBefore = businessClock.instant();
    // Unauthenticated, as the attacker did: from loopback to a loopback-bound sandbox that is allowed.
    Http.Response moved = new Http(sandbox.endpoint().toString()).postJson("/sandbox/clock/advance",
        Map.of("duration", "P365D"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(Duration.between(businessBefore, businessClock.instant())).isGreaterThanOrEqualTo(Duration.ofDays(365));
    assertThat(Duration.between(Instant.now(), securityClock.now()).abs()).isLessThan(Duration.ofMinutes(1));

    // The 1-day token is still valid, and its last use is stamped with wall time.
    assertThat(oneDay.get("/api/v1/me").status()).isEqualTo(200);
    Instant lastUsed = jdbc.sql("SELECT last_used_at FROM api_token WHERE name = 'one day' AND organization_id = ?")
        .param(tenant.organizationId()).query(java.sql.Timestamp.class).single().toInstant();
    assertThat(lastUsed).isBefore(Instant.now().plus(Duration.ofHours(1)));
    // The lockout (15 minutes of wall time) still holds.
    assertThat(new Http(port).signIn(lockedEmail, TestTenants.PASSWORD).header("Location"))
        .endsWith("/signin?error=locked");
    // The session signed in before the move is still signed in.
    Http.Response offers = console.get("/offers");
    assertThat(offers.status()).isEqualTo(200);
    assertThat(offers.body()).contains("Wall Time Co");
    // Audit events written after the move carry wall time, not the sandbox's.
    admin.postJson("/api/v1/tokens", Map.of("name", "after the move"));
    Instant audited = jdbc.sql("SELECT max(occurred_at) FROM audit_event WHERE organization_id = ?")
        .param(tenant.organizationId()).query(java.sql.Timestamp.class).single().toInstant();
    assertThat(audited).isBefore(Instant.now().plus(Duration.ofHours(1)))
        .isAfter(Instant.now().minus(Duration.ofHours(1)));
  }
}
