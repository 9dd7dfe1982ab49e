package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;

/**
 * A buyer in Debian's headless Chromium picks its account in the buyer console, opens the private offer
 * extended to it, reads its terms and accepts it, and its browser lands on the seller's fulfillment URL
 * with the registration token in a form POST. A tiny HTTP server stands in for the seller.
 */
class BuyerConsoleTest {

  private HttpServer seller;
  private final AtomicReference<String> registration = new AtomicReference<>();
  private ChromeDriver browser;

  @BeforeEach
  void start() throws IOException {
    seller = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    seller.createContext("/register", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if ("POST".equals(exchange.getRequestMethod())) {
        registration.set(exchange.getRequestHeaders().getFirst("Content-Type") + "|" + body);
      }
      byte[] page = "<html><body><h1 id=\"registered\">Welcome, new customer</h1></body></html>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    seller.start();

    // Debian's chromium's headless shell when installed (about a sixth of chromium's CPU to start; chromedriver
    // knows it only by this browserName), else chromium itself.
    ChromeOptions options = new ChromeOptions();
    Path shell = Path.of("/usr/lib/chromium/chromium-headless-shell");
    if (Files.isExecutable(shell)) {
      options.setBinary(shell.toString());
      options.setCapability("browserName", "chrome-headless-shell");
    } else {
      options.setBinary("/usr/bin/chromium");
      options.addArguments("--headless=new");
    }
    options.addArguments("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + Files.createTempDirectory("sandbox-chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    browser.quit();
    seller.stop(0);
  }

  private void click(By by) {
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  @Test
  void aBuyerAcceptsInTheConsoleAndLandsOnTheFulfillmentUrlWithItsToken() {
    String fulfillmentUrl = "http://127.0.0.1:" + seller.getAddress().getPort() + "/register";
    String buyer = SandboxFixture.openAccount("Console buyer " + System.nanoTime(), "BUYER").accountId();
    String productId = SandboxFixture.post("/sandbox/accounts/111122223333/products",
        Map.of("title", "Console product", "visibility", "Limited", "fulfillmentUrl", fulfillmentUrl)).get("productId").asText();
    var published = SandboxFixture.run(SandboxFixture.seller(), PrivateOfferTest.fullPrivateOffer(productId, buyer).toArray(Change[]::new));
    assertThat(published.status()).isEqualTo(ChangeStatus.SUCCEEDED);
    String offerId = published.changeSet().get(0).entity().identifier();

    browser.get(SandboxFixture.server().endpoint() + "/sandbox/buyer");
    new Select(browser.findElement(By.id("account"))).selectByValue(buyer);
    click(By.id("pick"));
    click(By.linkText(offerId));
    assertThat(browser.findElement(By.id("terms")).getText())
        .contains("FixedUpfrontPricingTerm", "PaymentScheduleTerm", "ValidityTerm", "LegalTerm", "SupportTerm", "No refunds");
    click(By.id("accept"));

    new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("registered")));
    assertThat(browser.getCurrentUrl()).isEqualTo(fulfillmentUrl);
    String posted = await().atMost(Duration.ofSeconds(10)).until(registration::get, r -> r != null);
    assertThat(posted).startsWith("application/x-www-form-urlencoded|x-amzn-marketplace-token=");
    String token = URLDecoder.decode(posted.substring(posted.indexOf('=') + 1), StandardCharsets.UTF_8);
    try (var metering = Marketplace.metering(SandboxFixture.server().endpoint(), SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET)) {
      var customer = metering.resolveCustomer(r -> r.registrationToken(token));
      assertThat(customer.customerAWSAccountId()).isEqualTo(buyer);
    }

    browser.get(SandboxFixture.server().endpoint() + "/sandbox/buyer?account=" + buyer);
    assertThat(browser.findElement(By.id("agreements")).getText()).contains(offerId, "ACTIVE");
    assertThat(browser.findElement(By.id("no-offers")).getText()).contains("No private offer");
  }

  @Test
  void aManualPayerPaysAnInvoiceWithTheButtonAndASellerChangesItsPayoutsOnItsPage() {
    String buyer = SandboxFixture.openAccount("Paying buyer " + System.nanoTime(), "BUYER").accountId();
    SandboxFixture.send("PUT", "/sandbox/accounts/" + buyer + "/payment-terms", Map.of("method", "INVOICE", "payment", "MANUAL"), 200);
    SandboxFixture.NewAccount seller = SandboxFixture.openAccount("Paid seller " + System.nanoTime(), "SELLER");
    String productId = SandboxFixture.addProduct(seller.accountId(), "Billed product");
    var published = SandboxFixture.run(seller.client(), MoneyMarket.privateOfferChanges(productId, buyer,
        MoneyMarket.upfront("250.00"), null, SandboxFixture.inDays(30)));
    assertThat(published.status()).as("%s", published.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    Marketplace.accept(published.changeSet().get(0).entity().identifier(), buyer);

    browser.get(SandboxFixture.server().endpoint() + "/sandbox/buyer?account=" + buyer);
    assertThat(browser.findElement(By.id("invoices")).getText()).contains("250.00 USD", "issued");
    click(By.cssSelector("#invoices button.pay"));
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("#invoices td.status"), "paid"));
    assertThat(browser.findElements(By.cssSelector("#invoices button.pay"))).isEmpty();
    assertThat(SandboxFixture.send("GET", "/sandbox/accounts/" + buyer + "/invoices", null, 200).get(0).path("paidAt").isNull())
        .isFalse();

    browser.get(SandboxFixture.server().endpoint() + "/sandbox/disbursements");
    var form = browser.findElement(By.id("settings-" + seller.accountId()));
    new Select(form.findElement(By.name("frequency"))).selectByValue("MONTHLY");
    form.findElement(By.name("dayOfMonth")).sendKeys("12");
    form.findElement(By.name("bankAccountValid")).click();
    form.findElement(By.tagName("button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(
        SandboxFixture.server().endpoint() + "/sandbox/disbursements"));
    var saved = SandboxFixture.send("GET", "/sandbox/accounts/" + seller.accountId() + "/disbursement-settings", null, 200);
    assertThat(saved.path("frequency").asText()).isEqualTo("MONTHLY");
    assertThat(saved.path("dayOfMonth").asInt()).isEqualTo(12);
    assertThat(saved.path("bankAccountValid").asBoolean()).isFalse();
  }
}
