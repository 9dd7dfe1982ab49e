package org.offerdesk.app.orders.renewals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.SandboxTest;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A deal desk in Chromium on the Renewals page: finds the agreements ending soon, filters them, records a
 * customer who leaves with the reason, and renews another in one click into a prefilled renewal offer.
 */
@SandboxTest
class RenewalsBrowserTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired Clock clock;

  @Test
  void the_renewals_view_filters_marks_churn_and_renews_in_one_click() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Browser Renewals Co");
    String stayingBuyer = seller.sandbox.buyer("Staying Buyer");
    String leavingBuyer = seller.sandbox.buyer("Leaving Buyer");
    String staying = RenewalDeals.acceptedOrder(seller, clock, stayingBuyer, "Staying 2027", 3).at("/id").asText();
    String leaving = RenewalDeals.acceptedOrder(seller, clock, leavingBuyer, "Leaving 2027", 2).at("/id").asText();
    RenewalDeals.awaitRenewal(seller, staying, "UPCOMING");
    RenewalDeals.awaitRenewal(seller, leaving, "UPCOMING");

    try (Browser browser = new Browser(port)) {
      browser.signInTo("/renewals", seller.tenant.adminEmail(), seller.tenant.adminPassword());
      assertThat(browser.text("[data-testid=renewals]")).contains(stayingBuyer).contains(leavingBuyer);
      assertThat(browser.text("tr[data-order-id='" + staying + "'] [data-testid=renewal-status]"))
          .isEqualTo("UPCOMING");
      assertThat(browser.find("[data-testid=export-csv]").getAttribute("href")).contains("/renewals/export.csv");

      // The filter bar narrows the table to one buyer.
      browser.type("#q", leavingBuyer).click("[data-testid=filters] button[type=submit]");
      browser.awaitPath("/renewals?q=");
      assertThat(browser.text("[data-testid=renewals]")).contains(leavingBuyer).doesNotContain(stayingBuyer);

      // The leaving customer is marked churned, with why.
      browser.type("tr[data-order-id='" + leaving + "'] [data-testid=churn-reason-input]", "Budget cut");
      browser.click("tr[data-order-id='" + leaving + "'] [data-testid=churn]");
      assertThat(browser.text("[role=status]")).isEqualTo("Marked churned: Budget cut");
      new Select(browser.find("#f-status")).selectByValue("CHURNED");
      browser.click("[data-testid=filters] button[type=submit]");
      browser.awaitPath("/renewals?q=&status=CHURNED");
      assertThat(browser.text("tr[data-order-id='" + leaving + "'] [data-testid=renewal-status]"))
          .isEqualTo("CHURNED");
      assertThat(browser.text("tr[data-order-id='" + leaving + "'] [data-testid=churn-reason]"))
          .isEqualTo("Budget cut");
      assertThat(browser.text("[data-testid=renewals]")).doesNotContain(stayingBuyer);

      // "Renew" opens the renewal offer, prefilled, in the offer form.
      browser.open("/renewals?status=UPCOMING");
      browser.click("tr[data-order-id='" + staying + "'] [data-testid=renew]");
      String edit = browser.awaitPath("/offers/");
      assertThat(edit).endsWith("/edit");
      String offerId = edit.substring("/offers/".length(), edit.length() - "/edit".length());
      assertThat(seller.api.get("/api/v1/offers/" + offerId).json().at("/renewal").asBoolean()).isTrue();
      browser.open("/offers/" + offerId);
      assertThat(browser.text("[data-testid=renewal-flag]")).contains("Renewal");
      browser.open("/orders/" + staying);
      assertThat(browser.text("[data-testid=renewal]")).contains("UPCOMING").contains("renewal offer");
      browser.click("[data-testid=renewal-offer]");
      assertThat(browser.awaitPath("/offers/" + offerId)).isEqualTo("/offers/" + offerId);
    }
    assertThat(seller.api.get("/api/v1/renewals/" + leaving).json().at("/churnReason").asText())
        .isEqualTo("Budget cut");
    assertThat(seller.api.get("/api/v1/renewals/" + staying).json().at("/renewalOfferId").asText()).isNotBlank();
  }
}
