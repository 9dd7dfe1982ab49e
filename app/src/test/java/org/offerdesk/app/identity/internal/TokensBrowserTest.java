package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** A person signs in with Chromium, creates an API token and sees it listed; the token then works. */
@OfferDeskTest
class TokensBrowserTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void sign_in_create_a_token_and_see_it_listed() {
    TestTenants.Tenant tenant = new TestTenants(context).seller("Browser Co");
    try (Browser browser = new Browser(port)) {
      browser.signInTo("/offers", tenant.adminEmail(), TestTenants.PASSWORD);
      assertThat(browser.text("[data-testid=empty-state]")).contains("No offers yet");
      assertThat(browser.text("[data-testid=whoami]")).contains("Browser Co");

      browser.clickLink("Settings").clickLink("API tokens");
      browser.type("#name", "Salesforce sync").click("form[action='/settings/tokens'] button[type=submit]");

      String secret = browser.text("[data-testid=new-token-secret]");
      assertThat(secret).startsWith("od_");
      assertThat(browser.text("[data-testid=tokens] tr[data-token-name='Salesforce sync']"))
          .contains("Salesforce sync").contains("ADMIN").contains("ACTIVE");
      browser.screenshot("tokens-page");

      Http api = new Http(port).bearer(secret);
      assertThat(api.get("/api/v1/me").json().at("/token/name").asText()).isEqualTo("Salesforce sync");

      // Reloading the page never shows the secret again.
      browser.open("/settings/tokens");
      assertThat(browser.text("[data-testid=tokens]")).doesNotContain(secret);
    }
  }

  @Test
  void a_wrong_password_shows_a_readable_message() {
    try (Browser browser = new Browser(port)) {
      browser.signIn("nobody@example.test", "wrong password");
      assertThat(browser.text(".alert-danger")).contains("Wrong email or password");
      assertThat(browser.currentPath()).startsWith("/signin");
    }
  }
}
