package org.offerdesk.app.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedReseller;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.IsvAuthorizations;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The reseller's day in a real browser: it finds the authorization an ISV shared with it among its
 * opportunities, builds an offer with its markup (the form shows the buyer's price and the margin as it is
 * typed), publishes it, and sees it accepted once the buyer accepts in the sandbox.
 */
@SandboxTest
class ResellerBrowserTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired Clock clock;

  @Test
  void the_reseller_builds_publishes_and_sees_accepted_an_offer_with_its_markup() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    ConnectedSeller isv = new ConnectedSeller(context, port, sandbox.endpoint(), "Browser ISV");
    ConnectedReseller reseller = new ConnectedReseller(context, port, sandbox.endpoint(), "Browser Reseller");
    String buyer = isv.sandbox.buyer("Browser End Buyer");
    String raId = IsvAuthorizations.grant(isv, reseller.account.accountId(), new IsvAuthorizations.Grant(
        "Browser wholesale", Map.of("Seats", "900.00"), List.of(buyer), today.plusDays(60), 1));

    try (Browser browser = new Browser(port)) {
      browser.signIn(reseller.tenant.adminEmail(), reseller.tenant.adminPassword());
      browser.open("/partners");
      assertThat(browser.awaitPath("/partners/opportunities")).startsWith("/partners/opportunities");
      browser.click("[data-testid=sync-opportunities]");
      // The schedule may have synced it already: "(1 new)" or "(0 new)".
      assertThat(browser.text(".alert-success")).contains("Synced 1 resale authorizations");
      assertThat(browser.text("[data-testid=opportunities]")).contains("Browser wholesale", "Browser ISV",
          "900.00 USD", buyer, "AVAILABLE");
      browser.screenshot("reseller-1-opportunities");

      browser.click("[data-testid=create-partner-offer]");
      browser.awaitPath("/offers/new");
      browser.type("#name", "Browser End Buyer via reseller");
      browser.type("#buyerAccountIds", buyer);
      browser.type("#markupPercent", "12.5");
      assertThat(browser.text("[data-testid=partner-prices] [data-role=buyer-price]")).isEqualTo("1,012.50 USD");
      assertThat(browser.text("[data-testid=partner-prices] [data-role=margin]")).isEqualTo("112.50 USD");
      browser.screenshot("reseller-2-partner-offer-form");
      browser.click("[data-testid=save-partner-offer]");
      String path = browser.awaitPath("/offers/");
      String offerId = path.substring("/offers/".length());
      assertThat(browser.text("[data-testid=partner-terms]")).contains(raId, "12.5 %", "1,012.50 USD",
          "112.50 USD");

      browser.click("[data-testid=publish]");
      String marketplaceId = reseller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText();
      browser.open("/offers/" + offerId);
      assertThat(browser.text("[data-testid=stage]")).isEqualTo("SENT");
      browser.screenshot("reseller-3-partner-offer-sent");

      Http.Response accepted = new Http(sandbox.endpoint().toString()).postJson("/sandbox/offers/" + marketplaceId
          + "/accept", Map.of("buyerAccountId", buyer));
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
      reseller.awaitStage(offerId, "ACCEPTED");
      browser.open("/offers/" + offerId);
      assertThat(browser.text("[data-testid=stage]")).isEqualTo("ACCEPTED");
      browser.screenshot("reseller-4-partner-offer-accepted");
    }
  }
}
