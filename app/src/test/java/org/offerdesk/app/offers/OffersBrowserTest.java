package org.offerdesk.app.offers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.MarketplacePortal;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WrapsDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A deal desk in Chromium: creates an offer in the form, publishes it, watches the offer page follow the
 * publishing by itself, and sees it SENT in the offers table.
 */
@SandboxTest
class OffersBrowserTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  LocalDate today = LocalDate.now(ZoneOffset.UTC);

  @Test
  void create_an_offer_in_the_form_publish_it_and_see_it_sent_in_the_table() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Browser Offers Co");
    // A few offers already on the desk, so that the table and its chart have something to show.
    for (String name : List.of("Globex renewal", "Initech pilot")) {
      seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId, "name", name,
          "buyerAccountIds", List.of("222233334444"), "currency", "USD", "durationMonths", 12,
          "expiresOn", today.plusDays(40).toString(),
          "dimensions", List.of(Map.of("key", "PremiumTier", "quantity", 5, "unitPrice", "900.00")),
          "eula", Map.of("type", "STANDARD")));
    }

    seller.api.putJson("/api/v1/offers/metadata-fields", Map.of("items", List.of(
        Map.of("group", "BOOKING", "key", "poNumber", "label", "PO number", "type", "TEXT", "required", true),
        Map.of("group", "BOOKING", "key", "closeDate", "label", "Close date", "type", "DATE", "required", false),
        Map.of("group", "REGISTRATION", "key", "adminEmail", "label", "Buyer admin email", "type", "EMAIL",
            "required", false),
        Map.of("group", "CONTRACT", "key", "multiYear", "label", "Multi-year deal", "type", "BOOLEAN",
            "required", false))));

    try (Browser browser = new Browser(port)) {
      browser.signInTo("/offers", seller.tenant.adminEmail(), TestTenants.PASSWORD);
      assertThat(browser.text("[data-testid=offers]")).contains("Globex renewal");
      browser.click("[data-testid=new-offer]");
      assertThat(browser.awaitPath("/offers/new")).isEqualTo("/offers/new");

      new Select(browser.find("#productId")).selectByValue(seller.productId);
      browser.type("#name", "Acme 2027").type("#buyerAccountIds", "777788889999\n1111000022");
      new Select(browser.find("#dim-0-key")).selectByValue("Seats");
      browser.type("#dim-0-quantity", "100").type("#dim-0-unitPrice", "120.00");
      new Select(browser.find("#dim-1-key")).selectByValue("PremiumTier");
      browser.type("#dim-1-quantity", "2").type("#dim-1-unitPrice", "500.00");
      browser.type("#durationMonths", "12");
      browser.type("#inst-0-amount", "6500.00").type("#inst-1-amount", "6500.00");
      // Date inputs take their value the way a date picker sets it.
      setValue(browser, "#inst-0-dueOn", today.plusDays(10).toString());
      setValue(browser, "#inst-1-dueOn", today.plusDays(200).toString());
      setValue(browser, "#expiresOn", today.plusDays(45).toString());
      browser.type("#meta-booking-poNumber", "PO-4711").type("#meta-registration-adminEmail", "it@buyer.example");
      setValue(browser, "#meta-booking-closeDate", today.toString());
      browser.click("#meta-contract-multiYear");
      browser.screenshot("offer-form");
      press(browser, "[data-testid=save]");

      // A mistyped account ID comes back next to the buyers box, with everything else as it was typed.
      assertThat(browser.text("[data-field-error=buyerAccountIds]")).contains("line 2").contains("12-digit");
      assertThat(browser.find("#dim-1-unitPrice").getAttribute("value")).isEqualTo("500.00");
      assertThat(browser.find("#inst-1-dueOn").getAttribute("value")).isEqualTo(today.plusDays(200).toString());
      browser.screenshot("offer-form-errors");
      browser.type("#buyerAccountIds", "777788889999\n111100002222");
      press(browser, "[data-testid=save]");

      assertThat(browser.text(".alert-success")).contains("Draft saved");
      assertThat(browser.text("#offer-progress [data-testid=stage]")).isEqualTo("DRAFT");
      assertThat(browser.text("[data-testid=contract-total]")).isEqualTo("13,000.00 USD");
      assertThat(browser.text("[data-testid=metadata]")).contains("PO number").contains("PO-4711")
          .contains("it@buyer.example").contains(today.toString()).contains("Multi-year deal").contains("Yes");
      String offerPath = browser.currentPath();

      // The marketplace takes a few seconds over this change set: the page follows it by itself.
      Http faults = new Http(sandbox.endpoint().toString());
      faults.postJson("/sandbox/faults", Map.of("extraChangeSetDelayMillis", 1500));
      try {
        // The page being left says "Draft saved" in the same alert: read only the page the publish loads.
        browser.clickToLoad("[data-testid=publish]");
        assertThat(browser.text(".alert-success")).contains("Publishing to the marketplace");
        assertThat(browser.text("#offer-progress")).contains("PUBLISHING").contains("updates by itself");
        browser.screenshot("offer-publishing");
        waitFor(browser).until(ExpectedConditions.textToBe(
            By.cssSelector("#offer-progress [data-testid=stage]"), "SENT"));
      } finally {
        faults.delete("/sandbox/faults");
      }
      assertThat(browser.currentPath()).isEqualTo(offerPath);
      assertThat(browser.text("[data-testid=marketplace-offer-id]")).startsWith("offer-");
      assertThat(browser.text("[data-testid=timeline]")).contains("DRAFT").contains("PUBLISHING").contains("SENT");
      assertThat(browser.text("[data-testid=actions]")).contains("Withdraw and reissue").doesNotContain("Publish");
      // Withdrawing asks first (a script file does it: the Content-Security-Policy allows no inline handler).
      browser.click("[data-testid=withdraw]");
      assertThat(browser.answerConfirm(false)).startsWith("Withdraw this offer?");
      assertThat(browser.currentPath()).isEqualTo(offerPath);
      assertThat(browser.text("#offer-progress [data-testid=stage]")).isEqualTo("SENT");
      browser.screenshot("offer-page");

      browser.clickLink("← Offers");
      String row = "[data-testid=offers] tr[data-offer-name='Acme 2027'] [data-testid=stage]";
      waitFor(browser).until(ExpectedConditions.textToBe(By.cssSelector(row), "SENT"));
      assertThat(browser.text("[data-testid=offers] tr[data-offer-name='Acme 2027']"))
          .contains("13,000.00 USD").contains("777788889999").contains("offer-");
      assertThat(browser.text("[data-testid=stage-counts] [data-stage=SENT]")).contains("1");
      browser.screenshot("offers-table");
    }
  }

  @Test
  void import_all_from_the_marketplace_follows_the_progress_and_shows_the_imported_offers() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Browser Import Co");
    // Offers made in the marketplace's own portal: OfferDesk knows none of them.
    for (String name : List.of("Portal deal A", "Portal deal B")) {
      MarketplacePortal.releasePrivateOffer(seller, name, "222233334444", today);
    }

    try (Browser browser = new Browser(port)) {
      browser.signInTo("/offers", seller.tenant.adminEmail(), TestTenants.PASSWORD);
      assertThat(browser.text("[data-testid=empty-state]")).contains("No offers yet");
      // An empty desk opens the panel by itself.
      assertThat(browser.text("[data-testid=bring-in]")).contains("Associate one offer");
      browser.click("[data-testid=import-all]");
      waitFor(browser).until(ExpectedConditions.urlContains("/offers?import="));
      assertThat(browser.currentPath()).startsWith("/offers?import=");
      browser.screenshot("offers-import-started");
      // The panel polls the import until it is over, then the page reloads with the summary and the table.
      waitFor(browser).until(ExpectedConditions.textToBePresentInElementLocated(
          By.cssSelector("[data-testid=import-summary]"), "Import finished"));
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("[data-testid=offers] tr[data-offer-name='Portal deal B']")));
      assertThat(browser.text("[data-testid=import-summary]")).contains("2 imported").contains("0 failed");
      assertThat(browser.text("[data-testid=offers]")).contains("Portal deal A").contains("Portal deal B");
      browser.screenshot("offers-import-done");

      // An imported offer is on the marketplace: its purchase instructions go out from its page.
      browser.clickLink("Portal deal A");
      browser.type("#instructions-to", "buyer@portal.example, not an address");
      press(browser, "[data-testid=send]");
      assertThat(browser.text("[data-field-error=to]")).contains("\"not\" is not an email address");
      browser.type("#instructions-to", "buyer@portal.example").type("#instructions-note", "As agreed.");
      press(browser, "[data-testid=send]");
      assertThat(browser.text(".alert-success")).contains("Purchase instructions sent to buyer@portal.example");
      assertThat(browser.text("[data-testid=timeline]")).contains("purchase instructions sent");
      browser.screenshot("offer-instructions-sent");

      browser.open("/settings/offer-fields");
      // The four registration fields every organization starts with come first; the first blank row follows.
      browser.type("#field-4-key", "poNumber").type("#field-4-label", "PO number").click("#field-4-required");
      press(browser, "[data-testid=save]");
      assertThat(browser.text(".alert-success")).contains("Saved 5 fields");
      browser.screenshot("settings-offer-fields");
    }
  }

  private static WebDriver driver(Browser browser) {
    return ((WrapsDriver) browser.find("body")).getWrappedDriver();
  }

  private static WebDriverWait waitFor(Browser browser) {
    WebDriverWait wait = new WebDriverWait(driver(browser), Duration.ofSeconds(30));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /**
   * Clicks a button below the fold: Bootstrap's smooth scrolling would still be moving the page when
   * the click lands, so the button is scrolled into view at once first.
   */
  private static void press(Browser browser, String css) {
    ((org.openqa.selenium.JavascriptExecutor) driver(browser))
        .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", browser.find(css));
    browser.click(css);
  }

  private static void setValue(Browser browser, String css, String value) {
    ((org.openqa.selenium.JavascriptExecutor) driver(browser))
        .executeScript("arguments[0].value = arguments[1]", browser.find(css), value);
  }
}
