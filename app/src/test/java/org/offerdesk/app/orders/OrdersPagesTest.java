package org.offerdesk.app.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The Orders pages as the seller's team uses them, on orders the sandbox's buyers really made: the table
 * with its counts, filters, search, pages and export, and one order, registered by hand and provisioned.
 */
@SandboxTest
class OrdersPagesTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;

  /** A seller with a public listing, synced. */
  private ConnectedSeller sellerWithPublicListing(String name, String[] productId) {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), name);
    productId[0] = seller.sandbox.product(seller.account, name + " Cloud", "Public");
    Http.Response sync = seller.api.postJson("/api/v1/listings/sync", Map.of());
    assertThat(sync.status()).as(sync.body()).isEqualTo(200);
    return seller;
  }

  /** A buyer subscribes to the public listing; returns the order OfferDesk made of it. */
  private JsonNode subscribe(ConnectedSeller seller, String productId, String buyerName, int seats) {
    String buyer = seller.sandbox.buyer(buyerName);
    Http.Response subscribed = new Http(sandbox.endpoint().toString()).postJson(
        "/sandbox/products/" + productId + "/subscribe",
        Map.of("buyerAccountId", buyer, "dimensions", List.of(Map.of("key", "Seats", "quantity", seats))));
    assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
    return OrderFlowTest.awaitOrder(seller, buyer, "PENDING_REGISTRATION");
  }

  private Http console(TestTenants.Tenant tenant) {
    Http console = new Http(port);
    assertThat(console.signIn(tenant.adminEmail(), tenant.adminPassword()).status()).isEqualTo(302);
    return console;
  }

  @Test
  void the_orders_table_counts_filters_searches_pages_and_exports() {
    String[] product = new String[1];
    ConnectedSeller seller = sellerWithPublicListing("Table Co", product);
    JsonNode first = subscribe(seller, product[0], "Zebra Buyer", 5);
    JsonNode second = subscribe(seller, product[0], "Yak Buyer", 3);
    String firstBuyer = first.at("/buyerAccountId").asText();
    String secondBuyer = second.at("/buyerAccountId").asText();
    Http.Response registered = seller.api.postJson("/api/v1/orders/" + first.at("/id").asText() + "/registration",
        Map.of("company", "Zebra Labs", "contactName", "Zed", "email", "zed@zebra.test"));
    assertThat(registered.status()).as(registered.body()).isEqualTo(200);

    Http console = console(seller.tenant);
    String all = console.get("/orders").body();
    assertThat(all).contains(firstBuyer, secondBuyer, "Zebra Labs", "Table Co Cloud", "PUBLIC", "Export CSV")
        .doesNotContain("No orders yet");
    assertThat(rows(all)).hasSize(2);
    assertThat(count(all, "REGISTERED")).isEqualTo(1);
    assertThat(count(all, "PENDING_REGISTRATION")).isEqualTo(1);
    assertThat(count(all, "PROVISIONED")).isZero();
    assertThat(all).contains("data-testid=\"status-chart\"").contains("status-bar");
    assertThat(all).contains("href=\"/orders/" + first.at("/id").asText() + "\"");

    // Filters, and the chips keep counting under the kind and search filters.
    String pending = console.get("/orders?status=PENDING_REGISTRATION").body();
    assertThat(rows(pending)).containsExactly(second.at("/id").asText());
    assertThat(console.get("/orders?kind=PUBLIC").body()).contains(firstBuyer, secondBuyer);
    assertThat(console.get("/orders?kind=DIRECT").body()).contains("No orders match these filters")
        .doesNotContain(firstBuyer);
    assertThat(console.get("/orders?status=NOPE").body()).contains("Unknown status &quot;NOPE&quot;");

    // Search by company (registration) and by buyer account.
    String zebra = console.get("/orders?q=zebra").body();
    assertThat(rows(zebra)).containsExactly(first.at("/id").asText());
    assertThat(count(zebra, "PENDING_REGISTRATION")).isZero();
    assertThat(rows(console.get("/orders?q=" + secondBuyer).body())).containsExactly(second.at("/id").asText());

    // Cursor pages: one order a page, the newest first, then the other.
    String page1 = console.get("/orders?limit=1").body();
    assertThat(rows(page1)).containsExactly(second.at("/id").asText());
    String next = group(page1, "href=\"(/orders\\?[^\"]*cursor=[^\"]+)\"").replace("&amp;", "&");
    String page2 = console.get(next).body();
    assertThat(rows(page2)).containsExactly(first.at("/id").asText());
    assertThat(page2).contains("First page").doesNotContain("data-testid=\"next-page\"");

    // The export has the filters of the page it came from.
    assertThat(group(console.get("/orders?status=REGISTERED").body(), "href=\"(/orders/export\\.csv[^\"]*)\""))
        .isEqualTo("/orders/export.csv?status=REGISTERED");
    Http.Response csv = console.get("/orders/export.csv?status=REGISTERED");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body().lines().toList()).hasSize(2);
    assertThat(csv.body()).startsWith("id,kind,status").contains(firstBuyer, "Zebra Labs", "SELLER")
        .doesNotContain(secondBuyer);
    assertThat(console.get("/orders/export.csv").body().lines().toList()).hasSize(3);

    // Another organization has none of them: an honest empty state.
    TestTenants.Tenant other = new TestTenants(context).seller("Empty Co");
    String empty = console(other).get("/orders").body();
    assertThat(empty).contains("No orders yet").doesNotContain(firstBuyer).doesNotContain("Export CSV");
    assertThat(console(other).get("/orders/export.csv").body().lines().toList()).hasSize(1);
  }

  @Test
  void on_the_order_page_the_seller_registers_a_buyer_by_hand_and_marks_the_order_provisioned() {
    String[] product = new String[1];
    ConnectedSeller seller = sellerWithPublicListing("Page Co", product);
    JsonNode order = subscribe(seller, product[0], "Page Buyer", 5);
    String id = order.at("/id").asText();
    String path = "/orders/" + id;
    Http console = console(seller.tenant);

    String pending = console.get(path).body();
    assertThat(pending).contains("PENDING REGISTRATION", order.at("/buyerAccountId").asText(), "Page Co Cloud",
        order.at("/agreementId").asText(), "Registration deadline", "Register the buyer by hand", "agreement created",
        "Seats", "Not booked yet", order.at("/currency").asText());
    assertThat(pending).contains(order.at("/totalContractValue").asText().replaceAll("\\B(?=(\\d{3})+\\.)", ","));
    assertThat(pending).doesNotContain("data-testid=\"mark-provisioned\"");

    try (Browser browser = new Browser(port)) {
      browser.signInTo(path, seller.tenant.adminEmail(), seller.tenant.adminPassword());
      // Enter in a field sends the form, as the button does (the button sits low on the page).
      browser.type("#company", "Nimbus Ltd").type("#email", "nope" + org.openqa.selenium.Keys.ENTER);
      assertThat(browser.text("[data-testid=error-email]")).isEqualTo("must be an email address");
      browser.screenshot("orders-4-register-by-hand-errors");
    }

    // Errors stay next to their fields, with what was typed.
    String csrf = console.csrfFrom(path);
    Http.Response invalid = console.postForm(path + "/registration", Map.of("company", "Nimbus Ltd",
        "contactName", "", "email", "not-an-email"), csrf);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(group(invalid.body(), "data-testid=\"error-email\">([^<]*)<")).isEqualTo("must be an email address");
    assertThat(group(invalid.body(), "data-testid=\"error-contactName\">([^<]*)<")).isEqualTo("is required");
    assertThat(invalid.body()).contains("value=\"Nimbus Ltd\"").contains("Not registered: fix the fields");
    assertThat(seller.api.get("/api/v1/orders/" + id).json().at("/status").asText())
        .isEqualTo("PENDING_REGISTRATION");
    assertThat(console.postForm(path + "/registration", Map.of("company", "Nimbus Ltd", "contactName", "Nia",
        "email", "nia@nimbus.test"), null).status()).as("no CSRF token").isEqualTo(403);

    Http.Response done = console.postForm(path + "/registration", Map.of("company", "Nimbus Ltd",
        "contactName", "Nia Noor", "email", "Nia@Nimbus.test"), csrf);
    assertThat(done.status()).isEqualTo(302);
    assertThat(done.header("Location")).endsWith(path);
    String registered = console.get(path).body();
    assertThat(registered).contains("Registered. The buyer is welcomed", "Nimbus Ltd", "Nia Noor", "nia@nimbus.test",
        "registered by hand by your team", "registered by the seller", "data-testid=\"mark-provisioned\"", "Booked:")
        .doesNotContain("Register the buyer by hand");
    assertThat(group(registered, "data-testid=\"registration-source\">([^<]*)<")).isEqualTo("SELLER");
    JsonNode api = seller.api.get("/api/v1/orders/" + id).json();
    assertThat(api.at("/status").asText()).isEqualTo("REGISTERED");
    assertThat(api.at("/registration/source").asText()).isEqualTo("SELLER");

    // The booking downloads from the page with the session.
    Http.Response json = console.get(path + "/booking.json");
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.json().at("/parties/buyerCompany").asText()).isEqualTo("Nimbus Ltd");
    assertThat(json.header("Content-Disposition")).contains("booking-" + id + ".json");
    Http.Response bookingCsv = console.get(path + "/booking.csv");
    assertThat(bookingCsv.body()).startsWith("order_id,").contains("Nimbus Ltd", order.at("/agreementId").asText());

    // Registering again is refused in words; then provisioned.
    Http.Response again = console.postForm(path + "/registration", Map.of("company", "Other", "contactName", "O",
        "email", "o@other.test"), console.csrfFrom(path));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("only an order waiting for registration");
    Http.Response provisioned = console.postForm(path + "/provisioned", Map.of(), console.csrfFrom(path));
    assertThat(provisioned.status()).isEqualTo(302);
    String after = console.get(path).body();
    assertThat(after).contains("Marked provisioned", ">PROVISIONED<", "provisioned")
        .doesNotContain("data-testid=\"mark-provisioned\"");
    assertThat(seller.api.get("/api/v1/orders/" + id).json().at("/status").asText()).isEqualTo("PROVISIONED");
    assertThat(seller.api.get("/api/v1/orders/" + id).json().at("/timeline").findValuesAsText("cause"))
        .containsSubsequence("agreement created", "registered by the seller", "booked", "provisioned");
    assertThat(rows(console.get("/orders?status=PROVISIONED").body())).containsExactly(id);
  }

  @Test
  void an_order_is_invisible_to_other_organizations_and_read_only_to_viewers() {
    String[] product = new String[1];
    ConnectedSeller seller = sellerWithPublicListing("Private Co", product);
    JsonNode order = subscribe(seller, product[0], "Private Buyer", 2);
    String path = "/orders/" + order.at("/id").asText();

    TestTenants tenants = new TestTenants(context);
    Http nosy = console(tenants.seller("Nosy Orders Co"));
    assertThat(nosy.get(path).status()).isEqualTo(404);
    assertThat(nosy.get(path + "/booking.json").status()).isEqualTo(404);
    String nosyCsrf = nosy.csrfFrom("/orders");
    assertThat(nosy.postForm(path + "/provisioned", Map.of(), nosyCsrf).status()).isEqualTo(404);
    assertThat(nosy.postForm(path + "/registration", Map.of("company", "X", "contactName", "Y",
        "email", "y@x.test"), nosyCsrf).status()).isEqualTo(404);
    assertThat(nosy.get("/orders").body()).doesNotContain(order.at("/buyerAccountId").asText());
    assertThat(seller.api.get("/api/v1/orders/" + order.at("/id").asText()).json().at("/status").asText())
        .isEqualTo("PENDING_REGISTRATION");

    Http viewer = new Http(port);
    viewer.signIn(tenants.user(seller.tenant, Role.VIEWER), TestTenants.PASSWORD);
    String page = viewer.get(path).body();
    assertThat(page).contains(order.at("/agreementId").asText()).doesNotContain("data-testid=\"register-form\"");
    assertThat(viewer.postForm(path + "/registration", Map.of("company", "X", "contactName", "Y",
        "email", "y@x.test"), viewer.csrfFrom(path)).status()).isEqualTo(403);
  }

  /** The order IDs of the table's rows, in order. */
  static List<String> rows(String html) {
    Matcher m = Pattern.compile("<tr data-order-id=\"([^\"]+)\"").matcher(html);
    List<String> ids = new ArrayList<>();
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /** What a status chip counts. */
  static long count(String html, String status) {
    String n = group(html, "data-status=\"" + status + "\" data-count=\"(\\d+)\"");
    assertThat(n).as("chip " + status).isNotNull();
    return Long.parseLong(n);
  }

  static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
