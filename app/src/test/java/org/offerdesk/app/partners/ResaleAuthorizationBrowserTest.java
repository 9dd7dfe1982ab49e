package org.offerdesk.app.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.SandboxAccounts;
import org.offerdesk.app.support.SandboxTest;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** An ISV's admin grants a reseller an authorization in Chromium, from the empty Partners page to AUTHORIZED. */
@SandboxTest
class ResaleAuthorizationBrowserTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void the_isv_grants_an_authorization_from_the_partners_page() {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Browsing ISV");
    SandboxAccounts.Account reseller = isv.sandbox.reseller("Browsed Reseller");
    String buyer = isv.sandbox.buyer("Browsed Buyer");
    try (Browser browser = new Browser(port)) {
      browser.signIn(isv.tenant.adminEmail(), TestTenants.PASSWORD);
      browser.clickLink("Partners");
      assertThat(browser.text("[data-testid=empty-state]")).contains("No resale authorizations yet");
      browser.click("[data-testid=new-authorization]");

      // A bad reseller account is refused on its field, and nothing is saved.
      new Select(browser.find("#productId")).selectByValue(isv.productId);
      browser.type("#resellerAccountId", "12345").type("#name", "Channel wholesale");
      new Select(browser.find("#dimensionKey0")).selectByValue("Seats");
      browser.type("#wholesalePrice0", "90.00").type("#buyerAccountIds", buyer);
      new Select(browser.find("#availabilityType")).selectByValue("UNLIMITED");
      browser.click("[data-testid=save-publish]");
      assertThat(browser.text("[data-testid=form-alert]")).contains("One field needs a fix");
      assertThat(browser.text("#resellerAccountId + .invalid-feedback")).contains("12-digit");

      browser.type("#resellerAccountId", reseller.accountId()).click("[data-testid=save-publish]");
      browser.awaitPath("/partners/resale-authorizations/");
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
        browser.open(browser.currentPath());
        return browser.text("[data-testid=status]").equals("AUTHORIZED");
      });
      assertThat(browser.text("[data-testid=marketplace-id]")).startsWith("resaleauthz-");
      assertThat(browser.text("[data-testid=no-partner-offers]")).contains("No partner offer");
      browser.screenshot("resale-authorization");

      browser.clickLink("Partners");
      assertThat(browser.text("[data-testid=resale-authorizations]")).contains("Channel wholesale")
          .contains("AUTHORIZED").contains(reseller.accountId()).contains("90.00 USD");
    }
    assertThat(isv.api.get("/api/v1/resale-authorizations?status=AUTHORIZED").json().at("/items/0/name").asText())
        .isEqualTo("Channel wholesale");
  }
}
