package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SecurityTime;
import org.offerdesk.app.support.TightLimitsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Sign-in and API tokens are limited per address and per account; the limits forget on the security clock
 * (moved here instead of waiting). Every request of a test comes from 127.0.0.1.
 */
@TightLimitsTest
class RateLimitTest {

  @LocalServerPort int port;
  @Autowired SecurityTime securityTime;
  @Autowired ApplicationContext context;

  @BeforeEach
  void forgetEarlierAttempts() {
    securityTime.advance(Duration.ofHours(1));
  }

  @Test
  void an_address_that_failed_to_sign_in_too_often_waits_even_with_the_right_password() {
    TestTenants tenants = new TestTenants(context);
    // Three accounts, one guess each: no account is locked, but the address is.
    for (int i = 0; i < 3; i++) {
      TestTenants.Tenant victim = tenants.seller("Spray Co " + i);
      assertThat(new Http(port).signIn(victim.adminEmail(), "guess").header("Location")).endsWith("error=bad");
    }
    TestTenants.Tenant tenant = tenants.seller("Right Password Co");
    Http browser = new Http(port);
    Http.Response refused = browser.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    assertThat(refused.header("Location")).contains("/signin?error=throttled&minutes=10");
    assertThat(browser.get("/offers").status()).isEqualTo(302);
    assertThat(browser.get(refused.header("Location").replaceFirst("^http://localhost:\\d+", "")).body())
        .contains("Too many failed sign-ins from your network").contains("Wait")
        .doesNotContain("Wrong email or password");

    securityTime.advance(Duration.ofMinutes(11));
    assertThat(new Http(port).signIn(tenant.adminEmail(), TestTenants.PASSWORD).header("Location"))
        .endsWith("/dashboard");
  }

  @Test
  void creating_api_tokens_is_limited_per_account_with_429_and_retry_after() {
    TestTenants.Tenant tenant = new TestTenants(context).seller("Token Burst Co");
    Http api = new Http(port).bearer(tenant.adminToken());
    assertThat(api.postJson("/api/v1/tokens", Map.of("name", "one")).status()).isEqualTo(201);
    assertThat(api.postJson("/api/v1/tokens", Map.of("name", "two")).status()).isEqualTo(201);
    Http.Response third = api.postJson("/api/v1/tokens", Map.of("name", "three"));
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.header("Content-Type")).startsWith("application/problem+json");
    assertThat(third.json().at("/type").asText()).isEqualTo("/problems/too-many-requests");
    assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 600L);
    // Reading is not limited, and the refused request created nothing.
    assertThat(api.get("/api/v1/tokens?limit=200").body()).contains("\"two\"").doesNotContain("\"three\"");

    // Another account from the same address still may, until the address's own limit.
    TestTenants.Tenant other = new TestTenants(context).seller("Other Token Co");
    Http otherApi = new Http(port).bearer(other.adminToken());
    assertThat(otherApi.postJson("/api/v1/tokens", Map.of("name", "a")).status()).isEqualTo(201);
    assertThat(otherApi.postJson("/api/v1/tokens", Map.of("name", "b")).status()).isEqualTo(201);
    Http.Response addressFull = new Http(port).bearer(new TestTenants(context).seller("Third Co").adminToken())
        .postJson("/api/v1/tokens", Map.of("name", "c"));
    assertThat(addressFull.status()).isEqualTo(429);

    // The console's form is limited the same way, with a readable page.
    Http console = new Http(port);
    console.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    String csrf = console.csrfFrom("/settings/tokens");
    Http.Response page = console.postForm("/settings/tokens", Map.of("name", "four"), csrf);
    assertThat(page.status()).isEqualTo(429);
    assertThat(page.body()).contains("Too many attempts");

    securityTime.advance(Duration.ofMinutes(11));
    assertThat(api.postJson("/api/v1/tokens", Map.of("name", "later")).status()).isEqualTo(201);
  }

  @Test
  void an_address_guessing_bearer_tokens_is_refused_with_429_even_with_a_good_one() {
    TestTenants.Tenant tenant = new TestTenants(context).seller("Guessed Co");
    for (int i = 0; i < 3; i++) {
      assertThat(new Http(port).bearer("odt_guess" + i).get("/api/v1/me").status()).isEqualTo(401);
    }
    Http.Response refused = new Http(port).bearer(tenant.adminToken()).get("/api/v1/me");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(refused.json().at("/type").asText()).isEqualTo("/problems/too-many-requests");

    securityTime.advance(Duration.ofMinutes(11));
    assertThat(new Http(port).bearer(tenant.adminToken()).get("/api/v1/me").status()).isEqualTo(200);
  }
}
