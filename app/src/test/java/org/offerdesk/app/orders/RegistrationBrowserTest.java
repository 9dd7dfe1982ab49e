package org.offerdesk.app.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The buyer's side in a real browser: accepting a private offer in the sandbox's buyer console, which
 * posts the marketplace token to OfferDesk's registration page, then registering there; and the page a
 * forged token gets. The seller's team then finds the order registered by the buyer on its order page.
 */
@SandboxTest
class RegistrationBrowserTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  private Browser buyer;
  private ChromeDriver buyerBrowser;

  /**
   * The buyer moves between two sites (the marketplace's console and the seller's page), so this test drives the
   * browser with full URLs rather than the paths of one site; the browser is still the shared one ({@link Browser}).
   */
  @BeforeEach
  void openBrowser() {
    buyer = new Browser(port);
    buyerBrowser = buyer.driver();
  }

  /** Hands the Chromium on, unless the test already did (a Browser's Chromium must be handed on once). */
  @AfterEach
  void closeBrowser() {
    if (buyer != null) {
      buyer.close();
      buyer = null;
    }
  }

  @Test
  void a_buyer_accepts_in_the_marketplace_and_registers_on_the_sellers_page() throws IOException {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Browser Co");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String buyer = seller.sandbox.buyer("Browser Buyer");
    seller.api.putJson("/api/v1/listings/" + seller.productId + "/template", Map.of(
        "supportEmail", "help@browser.test", "supportUrl", "https://browser.test/support",
        "registrationFields", List.of(Map.of("key", "tenant", "label", "Tenant name", "type", "TEXT",
            "required", true))));
    String offerId = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", "Browser 2027", "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 20, "unitPrice", "300.00")),
        "paymentSchedule", List.of(Map.of("dueOn", today.plusDays(5).toString(), "amount", "6000.00"))))
        .json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    String marketplaceOfferId = seller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText();

    // In the marketplace's buyer console, the buyer reads the offer and accepts it.
    buyerBrowser.get(sandbox.endpoint() + "/sandbox/buyer/offers/" + marketplaceOfferId + "?account=" + buyer);
    find("#accept");
    screenshot("registration-1-marketplace-offer");
    find("#accept").click();

    // The marketplace posts the token to the seller's fulfillment URL: OfferDesk's registration page.
    WebElement form = find("[data-testid=registration-form]");
    assertThat(buyerBrowser.getCurrentUrl()).startsWith("http://localhost:" + port + "/marketplace/register/session/");
    assertThat(text(buyerBrowser.findElement(By.tagName("body"))))
        .contains("Browser Co", "Browser Co Platform", buyer, "Tenant name");
    assertThat(form).isNotNull();
    screenshot("registration-2-form");

    // A form sent half-filled comes back with each error next to its field.
    type("#company", "Acme Corp");
    type("#email", "not-an-email");
    submitForm();
    find(".alert-danger");
    assertThat(find("#email").getAttribute("class")).contains("is-invalid");
    assertThat(text(buyerBrowser.findElement(By.cssSelector("#email + .invalid-feedback"))))
        .isEqualTo("must be an email address");
    assertThat(text(buyerBrowser.findElement(By.cssSelector("#contactName + .invalid-feedback"))))
        .isEqualTo("is required");
    assertThat(find("#company").getAttribute("value")).isEqualTo("Acme Corp");
    screenshot("registration-3-errors");

    type("#contactName", "Ada Lovelace");
    type("#email", "ada@acme.test");
    type("#field-tenant", "acme-prod");
    submitForm();
    WebElement done = find("[data-testid=registration-done]");
    assertThat(text(done)).contains("You are registered", "Browser Co", "help@browser.test");
    screenshot("registration-4-registered");

    // The seller's team sees the order registered by the buyer, linked to its offer.
    JsonNode order = OrderFlowTest.awaitOrder(seller, buyer, "REGISTERED");
    assertThat(order.at("/registration/source").asText()).isEqualTo("BUYER");
    assertThat(order.at("/registration/fields/tenant").asText()).isEqualTo("acme-prod");
    // The buyer is done: the seller's team gets the same Chromium, emptied of the buyer's cookies and windows,
    // instead of a second one started beside it (and kept, idle, until the JVM exits).
    closeBrowser();
    try (Browser console = new Browser(port)) {
      console.signInTo("/orders", seller.tenant.adminEmail(), seller.tenant.adminPassword());
      assertThat(console.text("[data-testid=orders]")).contains(buyer, "Acme Corp", "DIRECT", "REGISTERED");
      console.screenshot("orders-1-table");
      console.open("/orders/" + order.at("/id").asText());
      assertThat(console.text("[data-testid=registration-source]")).isEqualTo("BUYER");
      assertThat(console.find("[data-testid=offer-link]").getAttribute("href")).endsWith("/offers/" + offerId);
      assertThat(console.text("[data-testid=total]")).contains("6,000.00", "USD");
      assertThat(console.text("[data-testid=timeline]")).contains("agreement created", "registered by the buyer");
      console.screenshot("orders-2-order-registered");
      console.click("[data-testid=mark-provisioned]");
      assertThat(console.text(".alert-success")).contains("Marked provisioned");
      assertThat(console.text("[data-testid=status]")).isEqualTo("PROVISIONED");
      console.screenshot("orders-3-order-provisioned");
      console.open("/settings/marketplace-events");
      assertThat(console.text("[data-testid=events]")).contains("Purchase Agreement Created");
      console.screenshot("marketplace-events-list");
    }
    assertThat(new Http(port).bearer(seller.tenant.adminToken()).get("/api/v1/orders/" + order.at("/id").asText())
        .json().at("/status").asText()).isEqualTo("PROVISIONED");
  }

  @Test
  void a_forged_token_gets_a_clear_page_and_changes_nothing() throws IOException {
    // A page elsewhere posts a made-up token to the registration URL, as the marketplace would post a real one.
    buyerBrowser.get("http://localhost:" + port + "/marketplace/register");
    assertThat(text(find("[data-testid=registration-refused]"))).contains("Open this page from AWS Marketplace");
    ((JavascriptExecutor) buyerBrowser).executeScript("""
        const form = document.createElement('form');
        form.method = 'post';
        form.action = arguments[0];
        const token = document.createElement('input');
        token.type = 'hidden';
        token.name = 'x-amzn-marketplace-token';
        token.value = 'forged-token-' + Date.now();
        form.appendChild(token);
        document.body.appendChild(form);
        form.submit();""", "http://localhost:" + port + "/marketplace/register");
    new WebDriverWait(buyerBrowser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("[data-testid=registration-refused] h1"), "not valid"));
    String page = text(find("[data-testid=registration-refused]"));
    assertThat(page).contains("This registration link is not valid", "Nothing was changed");
    assertThat(buyerBrowser.findElements(By.cssSelector("form[data-testid=registration-form]"))).isEmpty();
    assertThat(buyerBrowser.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/marketplace/register");
    screenshot("registration-5-forged-token");
  }

  /** Clicks the form's button as a person would, after scrolling to it (the form can be taller than the window). */
  private void submitForm() {
    WebElement button = find("[data-testid=registration-form] button[type=submit]");
    // Instant, not the page's smooth scrolling: a click while the page still scrolls lands on something else.
    ((JavascriptExecutor) buyerBrowser).executeScript(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", button);
    new WebDriverWait(buyerBrowser, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(button))
        .click();
  }

  private WebElement find(String css) {
    return buyer.find(css, Duration.ofSeconds(15));
  }

  private String text(WebElement element) {
    return buyer.textOf(element);
  }

  private void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  private void screenshot(String name) throws IOException {
    Path target = Path.of("target", "screenshots", name + ".png");
    Files.createDirectories(target.getParent());
    Files.write(target, buyerBrowser.getScreenshotAs(OutputType.BYTES));
  }
}
