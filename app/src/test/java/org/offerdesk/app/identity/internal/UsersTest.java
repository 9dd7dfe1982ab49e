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

@OfferDeskTest
class UsersTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  TestTenants.Tenant tenant;
  Http admin;

  @BeforeEach
  void setUp() {
    tenant = new TestTenants(context).seller("Users Co");
    admin = new Http(port).bearer(tenant.adminToken());
  }

  @Test
  void an_admin_adds_a_user_who_then_signs_in_with_the_generated_password() {
    Http.Response added = admin.postJson("/api/v1/users",
        Map.of("email", "Rep@Users.test", "displayName", "Rep", "role", "SALES"));
    assertThat(added.status()).isEqualTo(201);
    String password = added.json().at("/initialPassword").asText();
    assertThat(added.json().at("/user/email").asText()).isEqualTo("rep@users.test");

    Http rep = new Http(port);
    assertThat(rep.signIn("rep@users.test", password).header("Location")).endsWith("/dashboard");
    // SALES may not manage users.
    assertThat(rep.get("/settings/users").status()).isEqualTo(403);
  }

  @Test
  void a_role_change_applies_and_is_audited() {
    String id = admin.postJson("/api/v1/users",
        Map.of("email", "fin@users.test", "displayName", "Fin", "role", "VIEWER", "password", "long enough pw"))
        .json().at("/user/id").asText();
    Http.Response changed = admin.patchJson("/api/v1/users/" + id, Map.of("role", "FINANCE", "version", 0));
    assertThat(changed.json().at("/role").asText()).isEqualTo("FINANCE");
    Http.Response stale = admin.patchJson("/api/v1/users/" + id, Map.of("role", "SALES", "version", 0));
    assertThat(stale.status()).isEqualTo(409);
    assertThat(admin.get("/api/v1/audit-events").body()).contains("user.role_changed").contains("VIEWER → FINANCE");
  }

  @Test
  void the_last_admin_cannot_be_demoted_and_nobody_deactivates_themselves() {
    Http browser = new Http(port);
    browser.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    Http.Response demote = admin.patchJson("/api/v1/users/" + tenant.adminId(), Map.of("role", "VIEWER"));
    assertThat(demote.status()).isEqualTo(409);
    assertThat(demote.json().at("/detail").asText()).contains("at least one active ADMIN");
    String csrf = browser.csrfFrom("/settings/users");
    Http.Response self = browser.postForm("/settings/users/" + tenant.adminId(), Map.of("active", "false"), csrf);
    assertThat(self.status()).isEqualTo(302);
    assertThat(browser.get("/settings/users").body()).contains("You cannot deactivate yourself");
    assertThat(admin.get("/api/v1/users/" + tenant.adminId()).json().at("/active").asBoolean()).isTrue();
    // Through the API, a session caller must send its CSRF token like any form.
    assertThat(browser.patchJson("/api/v1/users/" + tenant.adminId(), Map.of("active", false)).status())
        .isEqualTo(403);
  }

  @Test
  void duplicate_and_malformed_users_are_refused_with_the_fields_named() {
    admin.postJson("/api/v1/users", Map.of("email", "dup@users.test", "displayName", "Dup", "role", "SALES"));
    Http.Response dup = admin.postJson("/api/v1/users",
        Map.of("email", "dup@users.test", "displayName", "Dup", "role", "SALES"));
    assertThat(dup.status()).isEqualTo(400);
    assertThat(dup.json().at("/errors/0/field").asText()).isEqualTo("email");

    Http.Response bad = admin.postJson("/api/v1/users",
        Map.of("email", "not-an-email", "displayName", "", "role", "SALES", "password", "short"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/errors").toString()).contains("email").contains("displayName").contains("password");
  }

  @Test
  void the_users_page_adds_a_user_and_shows_errors_next_to_fields() {
    Http browser = new Http(port);
    browser.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    String csrf = browser.csrfFrom("/settings/users");
    Http.Response invalid = browser.postForm("/settings/users",
        Map.of("email", "nope", "displayName", "Someone", "role", "SALES"), csrf);
    assertThat(invalid.status()).isEqualTo(200);
    assertThat(invalid.body()).contains("is-invalid").contains("must be an email address");

    Http.Response ok = browser.postForm("/settings/users",
        Map.of("email", "page@users.test", "displayName", "Page User", "role", "FINANCE"), csrf);
    assertThat(ok.status()).isEqualTo(302);
    String page = browser.get("/settings/users").body();
    assertThat(page).contains("page@users.test").contains("Initial password for");
  }
}
