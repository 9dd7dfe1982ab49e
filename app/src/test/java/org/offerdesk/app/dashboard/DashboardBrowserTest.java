package org.offerdesk.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A new seller signs in and lands on the dashboard: the onboarding checklist says what is done from what
 * exists (and shows the fulfillment URL to paste), the pipeline counts the offer just sent, its number
 * opens the offers table filtered to it, "Mine" narrows to the signed-in member's offers, and once every
 * step is done the checklist is gone.
 */
@SandboxTest
class DashboardBrowserTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  @Test
  void signing_in_lands_on_the_dashboard_and_its_numbers_open_their_tables() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Dashboard Browser Co");
    String slug = jdbc.sql("SELECT slug FROM organization WHERE id = ?").param(seller.tenant.organizationId())
        .query(String.class).single();
    String offerId = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", "Dashboard deal", "buyerAccountIds", List.of(seller.sandbox.buyer("Dashboard Buyer")),
        "currency", "USD", "durationMonths", 12,
        "expiresOn", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 4, "unitPrice", "250.00")))).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    seller.awaitStage(offerId, "SENT");

    try (Browser browser = new Browser(port)) {
      browser.signIn(seller.tenant.adminEmail(), seller.tenant.adminPassword());
      assertThat(browser.awaitPath("/dashboard")).isEqualTo("/dashboard");
      assertThat(browser.text("[data-testid=period]")).contains("the whole team");

      assertThat(done(browser, "listings")).isEqualTo("true");
      assertThat(done(browser, "fulfillment")).isEqualTo("true");
      assertThat(done(browser, "first-offer")).isEqualTo("true");
      assertThat(done(browser, "team")).isEqualTo("false");
      assertThat(done(browser, "webhooks")).isEqualTo("false");
      assertThat(browser.text("[data-testid=fulfillment-url]"))
          .isEqualTo("http://localhost:" + port + "/marketplace/register/" + slug);

      assertThat(browser.text("[data-testid=pipeline] tr[data-stage=SENT]")).contains("1").contains("1,000.00 USD");
      assertThat(browser.text("[data-testid=conversion]")).contains("0.0 %").contains("(0 of 1 sent)");
      browser.click("[data-testid=pipeline] tr[data-stage=SENT] a.stage-count");
      assertThat(browser.awaitPath("/offers?")).contains("stage=SENT").contains("createdFrom=");
      assertThat(browser.text("[data-testid=offers]")).contains("Dashboard deal");

      // The offer was made with the admin's API token, so it is not the signed-in admin's own.
      browser.open("/dashboard").click("[data-testid=mine]");
      assertThat(browser.awaitPath("/dashboard?")).contains("owner=me");
      assertThat(browser.text("[data-testid=pipeline]")).contains("No offers in this period");
      assertThat(browser.text("[data-testid=period]")).contains("offers I own");

      // The remaining steps, done for real, take the checklist away.
      assertThat(seller.api.postJson("/api/v1/marketplace/connection/test", Map.of()).status()).isEqualTo(200);
      Http.Response invited = seller.api.postJson("/api/v1/users",
          Map.of("email", "rep@dashboard-browser.test", "displayName", "Rep", "role", "SALES"));
      assertThat(invited.status()).as(invited.body()).isIn(200, 201);
      Http.Response endpoint = seller.api.postJson("/api/v1/webhooks",
          Map.of("url", "http://localhost:9/hooks", "events", List.of("*")));
      assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
      browser.open("/");
      assertThat(browser.awaitPath("/dashboard")).isEqualTo("/dashboard");
      assertThat(browser.text("[data-testid=renewals-due]")).contains("Renewals due");
      assertThat(browser.has("[data-testid=pipeline]")).isTrue();
      assertThat(browser.has("[data-testid=onboarding]")).isFalse();
    }
  }

  private static String done(Browser browser, String step) {
    return browser.find("[data-testid=onboarding] [data-step=" + step + "]").getAttribute("data-done");
  }
}
