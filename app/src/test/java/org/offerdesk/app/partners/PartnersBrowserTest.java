package org.offerdesk.app.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedReseller;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Both sides of a channel deal in Chromium: the ISV lists its reseller and grants it an authorization; the
 * reseller finds it among its opportunities, builds an offer with its markup (the form shows the wholesale
 * cost, the buyer's price and the margin as it is typed) and publishes it; the buyer accepts in the sandbox;
 * the reseller sees its order with its margin, and the ISV the partner offer and its own order.
 */
@SandboxTest
class PartnersBrowserTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  @Test
  void the_isv_grants_the_reseller_sells_with_its_markup_and_both_see_the_deal() {
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Browser ISV");
    ConnectedReseller reseller = new ConnectedReseller(context, port, sandbox.endpoint(), "Browser Reseller");
    String buyer = isv.sandbox.buyer("Browser End Buyer");
    String authorizationPath;

    try (Browser browser = new Browser(port)) {
      browser.signIn(isv.tenant.adminEmail(), isv.tenant.adminPassword());
      browser.clickLink("Partners");
      assertThat(browser.text("[data-testid=empty-state]")).contains("No resale authorizations yet");
      browser.click("[data-testid=partners-directory]");
      browser.type("#name", "Browser Reseller").type("#awsAccountId", reseller.account.accountId())
          .type("#contactEmail", "admin@browser-reseller.test").click("[data-testid=save-partner]");
      assertThat(browser.text("[data-testid=partners] [data-role=uses-offerdesk]")).isEqualTo("Yes");
      browser.screenshot("partners-1-directory");

      browser.open("/partners").click("[data-testid=new-authorization]");
      new Select(browser.find("#productId")).selectByValue(isv.productId);
      // A bad reseller account is refused on its field, and nothing is saved.
      browser.type("#resellerAccountId", "12345").type("#name", "Browser wholesale");
      new Select(browser.find("#dimensionKey0")).selectByValue("Seats");
      browser.type("#wholesalePrice0", "900.00").type("#buyerAccountIds", buyer);
      new Select(browser.find("#availabilityType")).selectByValue("UNLIMITED");
      browser.click("[data-testid=save-publish]");
      assertThat(browser.text("[data-testid=form-alert]")).contains("One field needs a fix");
      assertThat(browser.text("#resellerAccountId + .invalid-feedback")).contains("12-digit");
      browser.type("#resellerAccountId", reseller.account.accountId()).click("[data-testid=save-publish]");
      authorizationPath = browser.awaitPath("/partners/resale-authorizations/");
      await().atMost(Duration.ofSeconds(20)).pollInterval(Browser.RELOAD_EVERY).until(() -> {
        browser.open(authorizationPath);
        return browser.text("[data-testid=status]").equals("AUTHORIZED");
      });
      assertThat(browser.text("[data-testid=no-partner-offers]")).contains("No partner offer");
      browser.screenshot("partners-2-authorized");
    }
    String raId = isv.api.get("/api/v1" + authorizationPath.replace("/partners", ""))
        .json().at("/marketplaceResaleAuthorizationId").asText();

    String offerId;
    try (Browser browser = new Browser(port)) {
      browser.signInTo("/partners", reseller.tenant.adminEmail(), reseller.tenant.adminPassword());
      assertThat(browser.awaitPath("/partners/opportunities")).startsWith("/partners/opportunities");
      browser.clickToLoad("[data-testid=sync-opportunities]");
      assertThat(browser.text("[data-testid=opportunities]")).contains("Browser wholesale", "Browser ISV",
          "900.00 USD", buyer, "AVAILABLE");

      browser.click("[data-testid=create-partner-offer]");
      browser.awaitPath("/offers/new");
      browser.type("#name", "Browser End Buyer via reseller").type("#buyerAccountIds", buyer)
          .type("#markupPercent", "12.5");
      assertThat(browser.text("[data-testid=partner-prices]")).contains("900.00 USD");
      assertThat(browser.text("[data-testid=partner-prices] [data-role=buyer-price]")).isEqualTo("1,012.50 USD");
      assertThat(browser.text("[data-testid=partner-prices] [data-role=margin]")).isEqualTo("112.50 USD");
      browser.screenshot("partners-3-partner-offer-form");
      browser.click("[data-testid=save-partner-offer]");
      offerId = browser.awaitPath("/offers/").substring("/offers/".length());
      assertThat(browser.text("[data-testid=partner-terms]")).contains(raId, "12.5 %", "1,012.50 USD", "112.50 USD");

      browser.click("[data-testid=publish]");
      String marketplaceId = reseller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText();
      Http.Response accepted = new Http(sandbox.endpoint().toString()).postJson("/sandbox/offers/" + marketplaceId
          + "/accept", Map.of("buyerAccountId", buyer));
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
      reseller.awaitStage(offerId, "ACCEPTED");
      browser.open("/offers/" + offerId);
      assertThat(browser.text("[data-testid=stage]")).isEqualTo("ACCEPTED");

      await().atMost(Duration.ofSeconds(30)).pollInterval(Browser.RELOAD_EVERY).until(() ->
          browser.open("/orders").has("[data-testid=orders] [data-role=margin]"));
      assertThat(browser.text("[data-testid=orders] [data-role=margin]")).isEqualTo("112.50 USD");
      browser.click("[data-testid=orders] a");
      assertThat(browser.text("[data-testid=reseller-deal]")).contains("1,012.50 USD", "900.00 USD", "112.50 USD");
      browser.screenshot("partners-4-reseller-order");
    }

    try (Browser browser = new Browser(port)) {
      browser.signInTo(authorizationPath, isv.tenant.adminEmail(), isv.tenant.adminPassword());
      await().atMost(Duration.ofSeconds(30)).pollInterval(Browser.RELOAD_EVERY).until(() ->
          browser.open(authorizationPath).has("[data-testid=partner-offers]")
              && browser.text("[data-testid=partner-offers]").contains("ACCEPTED"));
      assertThat(browser.text("[data-testid=partner-offers]")).contains("Browser End Buyer via reseller", buyer,
          "900.00 USD").doesNotContain("1,012.50").doesNotContain("112.50");
      await().atMost(Duration.ofSeconds(30)).pollInterval(Browser.RELOAD_EVERY).until(() ->
          browser.open("/orders").has("[data-testid=orders] tr[data-kind=PARTNER]"));
      assertThat(browser.text("[data-testid=orders] tr[data-kind=PARTNER]")).contains(buyer, "900.00");
      assertThat(browser.has("[data-testid=orders] [data-role=margin]")).isFalse();
      browser.screenshot("partners-5-isv-sees-the-deal");
    }
  }
}
