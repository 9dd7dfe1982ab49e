package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@OfferDeskTest
class SignInTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;

  TestTenants.Tenant tenant;

  @BeforeEach
  void setUp() {
    tenant = new TestTenants(context).seller("Sign-in Co");
  }

  @Test
  void a_user_signs_in_sees_the_console_and_signs_out() {
    Http browser = new Http(port);
    Http.Response signIn = browser.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    assertThat(signIn.status()).isEqualTo(302);
    assertThat(signIn.header("Location")).endsWith("/dashboard");

    Http.Response offers = browser.get("/offers");
    assertThat(offers.status()).isEqualTo(200);
    assertThat(offers.body()).contains("Sign-in Co").contains("No offers yet");

    Http.Response me = browser.get("/api/v1/me");
    assertThat(me.json().at("/user/email").asText()).isEqualTo(tenant.adminEmail());
    assertThat(me.json().at("/organization/name").asText()).isEqualTo("Sign-in Co");

    String csrf = browser.csrfFrom("/offers");
    Http.Response out = browser.postForm("/signout", Map.of(), csrf);
    assertThat(out.header("Location")).endsWith("/signin?signedout");
    assertThat(browser.get("/offers").status()).isEqualTo(302);
    assertThat(auditActions()).contains("sign_in");
  }

  @Test
  void a_link_opened_while_signed_out_leads_to_its_page_after_signing_in() {
    Http browser = new Http(port);
    Http.Response link = browser.get("/settings/tokens?from=mail");
    assertThat(link.status()).isEqualTo(302);
    assertThat(link.header("Location")).endsWith("/signin");
    Http.Response signIn = browser.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    assertThat(signIn.status()).isEqualTo(302);
    String back = signIn.header("Location");
    assertThat(back).contains("/settings/tokens?from=mail");
    Http.Response page = browser.get(back.substring(back.indexOf("/settings/")));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Sign-in Co");
  }

  @Test
  void the_demo_admin_exists_on_first_start() {
    Http browser = new Http(port);
    assertThat(browser.signIn(DemoOrganizations.ADMIN_EMAIL, "demo-password-123").header("Location"))
        .endsWith("/dashboard");
    assertThat(browser.get("/api/v1/me").json().at("/organization/name").asText()).isEqualTo("Demo ISV");
    Http partner = new Http(port);
    assertThat(partner.signIn(DemoOrganizations.PARTNER_EMAIL, "demo-password-123").header("Location"))
        .endsWith("/dashboard");
    assertThat(partner.get("/api/v1/me").json().at("/role").asText()).isEqualTo("PARTNER_ADMIN");
  }

  @Test
  void a_wrong_password_is_refused_and_recorded() {
    Http browser = new Http(port);
    Http.Response r = browser.signIn(tenant.adminEmail(), "not the password");
    assertThat(r.header("Location")).endsWith("/signin?error=bad");
    assertThat(browser.get("/offers").status()).isEqualTo(302);
    assertThat(browser.get("/signin?error=bad").body()).contains("Wrong email or password");
    assertThat(auditActions()).contains("sign_in.failed");
  }

  @Test
  void five_failures_lock_the_account_even_for_the_right_password() {
    for (int i = 0; i < 5; i++) {
      new Http(port).signIn(tenant.adminEmail(), "guess " + i);
    }
    Http browser = new Http(port);
    Http.Response r = browser.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    assertThat(r.header("Location")).endsWith("/signin?error=locked");
    assertThat(browser.get("/signin?error=locked").body()).contains("locked");
    assertThat(auditActions()).contains("user.locked", "sign_in.refused");
  }

  @Test
  void a_form_without_its_csrf_token_is_refused_and_changes_nothing() {
    Http browser = new Http(port);
    browser.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    Http.Response r = browser.postForm("/settings/tokens", Map.of("name", "sneaky"), null);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).contains("session may have expired");
    assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE name = 'sneaky'").query(Long.class).single())
        .isZero();
    // A sign-in form without its token does not sign anyone in either.
    Http other = new Http(port);
    assertThat(other.postForm("/signin", Map.of("email", tenant.adminEmail(), "password", TestTenants.PASSWORD),
        null).status()).isEqualTo(403);
    assertThat(other.get("/offers").status()).isEqualTo(302);
  }

  @Test
  void a_session_request_with_any_authorization_header_but_a_valid_bearer_still_needs_its_csrf_token() {
    Http browser = new Http(port);
    browser.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    for (String header : java.util.List.of("Bogus x", "Basic YWRtaW46YWRtaW4=", "bearer", "Token abc")) {
      Http.Response r = browser.postJson("/api/v1/tokens", Map.of("name", "sneaky api"),
          Map.of("Authorization", header));
      assertThat(r.status()).as(header + ": " + r.body()).isEqualTo(403);
      assertThat(r.body()).contains("CSRF");
    }
    assertThat(jdbc.sql("SELECT count(*) FROM api_token WHERE name = 'sneaky api'").query(Long.class).single())
        .isZero();
    // With the page's CSRF token the console's own calls work; with a real bearer token no CSRF token is needed.
    String csrf = browser.csrfFrom("/settings/tokens");
    assertThat(browser.postJson("/api/v1/tokens", Map.of("name", "console api"), Map.of("X-CSRF-TOKEN", csrf))
        .status()).isEqualTo(201);
    assertThat(new Http(port).bearer(tenant.adminToken()).postJson("/api/v1/tokens", Map.of("name", "bearer api"))
        .status()).isEqualTo(201);
  }

  @Test
  void a_deactivated_users_session_ends() {
    TestTenants tenants = new TestTenants(context);
    String email = tenants.user(tenant, org.offerdesk.app.identity.Role.SALES);
    Http sales = new Http(port);
    sales.signIn(email, TestTenants.PASSWORD);
    assertThat(sales.get("/offers").status()).isEqualTo(200);

    Http admin = new Http(port).bearer(tenant.adminToken());
    String id = admin.get("/api/v1/users?limit=200").json().findParents("email").stream()
        .filter(u -> u.get("email").asText().equals(email)).findFirst().orElseThrow().get("id").asText();
    assertThat(admin.patchJson("/api/v1/users/" + id, Map.of("active", false)).status()).isEqualTo(200);

    assertThat(sales.get("/offers").status()).isEqualTo(302);
    assertThat(new Http(port).signIn(email, TestTenants.PASSWORD).header("Location")).contains("error");
  }

  private java.util.List<String> auditActions() {
    return jdbc.sql("SELECT action FROM audit_event WHERE organization_id = ?").param(tenant.organizationId())
        .query(String.class).list();
  }
}
