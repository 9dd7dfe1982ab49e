package org.offerdesk.app.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's notifications in the console and the API: the bell's count, the list, reading one, reading
 * all, preferences; each user sees only their own, and an API token has none.
 */
@OfferDeskTest
class NotificationsConsoleTest {

  @Autowired TeamNotifications notifications;
  @Autowired TransactionTemplate tx;
  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  TestTenants tenants;
  TestTenants.Tenant seller;
  String sales;

  @BeforeEach
  void setUp() {
    tenants = new TestTenants(context);
    seller = tenants.seller("Console Co");
    sales = tenants.user(seller, Role.SALES);
  }

  @Test
  void the_bell_counts_unread_notifications_and_opening_one_reads_it_and_goes_to_its_link() {
    notify(seller.organizationId(), NotificationType.NEW_ORDER, "Acme Corp bought Platform", "/offers");
    notify(seller.organizationId(), NotificationType.OFFER_VIEWED, "Acme Corp opened Acme 2027", null);
    Http console = signedIn(sales);

    assertThat(console.get("/offers").body()).contains("data-testid=\"bell\"").contains("href=\"/notifications\"");
    assertThat(badge(console)).isEqualTo("2");

    String page = console.get("/notifications").body();
    assertThat(page).contains("Acme Corp bought Platform").contains("Acme Corp opened Acme 2027")
        .contains("Buyer account").contains("777788889999").contains("Mark all read");
    assertThat(page.indexOf("Acme Corp opened")).as("newest first").isLessThan(page.indexOf("Acme Corp bought"));
    List<String> ids = ids(page);
    assertThat(ids).hasSize(2);

    Http.Response opened = console.get("/notifications/" + ids.get(1) + "/open");
    assertThat(opened.status()).isEqualTo(302);
    assertThat(opened.header("Location")).endsWith("/offers");
    assertThat(badge(console)).isEqualTo("1");
    assertThat(console.get("/notifications?unread=true").body()).contains("Acme Corp opened")
        .doesNotContain("Acme Corp bought");
    Http.Response openedWithoutLink = console.get("/notifications/" + ids.get(0) + "/open");
    assertThat(openedWithoutLink.header("Location")).endsWith("/notifications");
    assertThat(badge(console)).isEmpty();
    assertThat(console.get("/notifications?unread=true").body()).contains("Nothing unread.");

    // Another user of the same organization has their own, unread.
    Http admin = signedIn(seller.adminEmail());
    assertThat(badge(admin)).isEqualTo("2");
    assertThat(admin.get("/notifications/" + ids.get(0) + "/open").status()).isEqualTo(404);
    String csrf = admin.csrfFrom("/notifications");
    Http.Response readAll = admin.postForm("/notifications/read-all", Map.of(), csrf);
    assertThat(readAll.status()).isEqualTo(302);
    assertThat(admin.get("/notifications").body()).contains("2 notifications marked read.");
    assertThat(badge(admin)).isEmpty();
  }

  @Test
  void the_api_lists_reads_and_reads_all_of_the_callers_own_notifications_only() throws Exception {
    for (int i = 1; i <= 3; i++) {
      notify(seller.organizationId(), NotificationType.NEW_ORDER, "Order " + i, "/orders/" + i);
    }
    TestTenants.Tenant other = tenants.seller("Other Co");
    notify(other.organizationId(), NotificationType.NEW_ORDER, "Not yours", "/orders/x");

    SessionApi api = new SessionApi(sales);
    JsonNode first = api.get("/api/v1/notifications?limit=2");
    assertThat(first.get("items").findValuesAsText("title")).containsExactly("Order 3", "Order 2");
    JsonNode item = first.get("items").get(0);
    assertThat(item.get("type").asText()).isEqualTo("NEW_ORDER");
    assertThat(item.get("label").asText()).isEqualTo("New order");
    assertThat(item.get("link").asText()).isEqualTo("/orders/3");
    assertThat(item.at("/facts/Buyer account").asText()).isEqualTo("777788889999");
    assertThat(item.has("readAt")).isFalse();
    JsonNode second = api.get("/api/v1/notifications?limit=2&cursor=" + first.get("nextCursor").asText());
    assertThat(second.get("items").findValuesAsText("title")).containsExactly("Order 1");
    assertThat(second.has("nextCursor")).isFalse();

    String id = item.get("id").asText();
    HttpResponse<String> read = api.send("POST", "/api/v1/notifications/" + id + "/read", "{}");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(read.body()).has("readAt")).isTrue();
    assertThat(api.get("/api/v1/notifications?unread=true").get("items").findValuesAsText("title"))
        .containsExactly("Order 2", "Order 1");
    HttpResponse<String> all = api.send("POST", "/api/v1/notifications/read-all", "{}");
    assertThat(new ObjectMapper().readTree(all.body()).get("marked").asInt()).isEqualTo(2);
    assertThat(api.get("/api/v1/notifications?unread=true").get("items")).isEmpty();

    String othersId = new SessionApi(other.adminEmail()).get("/api/v1/notifications").get("items").get(0)
        .get("id").asText();
    assertThat(api.send("POST", "/api/v1/notifications/" + othersId + "/read", "{}").statusCode()).isEqualTo(404);
    assertThat(api.send("POST", "/api/v1/notifications/" + UUID.randomUUID() + "/read", "{}").statusCode())
        .isEqualTo(404);
    assertThat(api.send("GET", "/api/v1/notifications?limit=0", null).statusCode()).isEqualTo(400);

    // An API token is no person: it has no notifications and no preferences.
    Http token = new Http(port).bearer(seller.adminToken());
    assertThat(token.get("/api/v1/notifications").json().get("items")).isEmpty();
    assertThat(token.postJson("/api/v1/notifications/" + id + "/read", Map.of()).status()).isEqualTo(404);
    assertThat(token.postJson("/api/v1/notifications/read-all", Map.of()).json().get("marked").asInt()).isZero();
    assertThat(token.get("/api/v1/notifications/preferences").status()).isEqualTo(409);
  }

  @Test
  void preferences_are_saved_from_the_page_and_the_api_and_decide_the_console() throws Exception {
    Http console = signedIn(sales);
    String page = console.get("/settings/notifications").body();
    assertThat(page).contains("New order").contains("Partner offer extended")
        .contains("name=\"NEW_ORDER.console\"").contains("name=\"NEW_ORDER.email\"");
    SessionApi api = new SessionApi(sales);
    HttpResponse<String> saved = api.postForm("/settings/notifications", "types=NEW_ORDER&types=OFFER_VIEWED"
        + "&NEW_ORDER.email=on&OFFER_VIEWED.console=on&OFFER_VIEWED.email=on");
    assertThat(saved.statusCode()).isEqualTo(302);
    String after = api.send("GET", "/settings/notifications", null).body();
    assertThat(after).contains("Notification preferences saved.");
    assertThat(checkbox(after, "NEW_ORDER.console")).isFalse();
    assertThat(checkbox(after, "NEW_ORDER.email")).isTrue();
    assertThat(checkbox(after, "OFFER_VIEWED.console")).isTrue();

    JsonNode prefs = api.get("/api/v1/notifications/preferences").get("preferences");
    JsonNode newOrder = find(prefs, "NEW_ORDER");
    assertThat(newOrder.get("console").asBoolean()).isFalse();
    assertThat(newOrder.get("email").asBoolean()).isTrue();
    assertThat(prefs.findValuesAsText("type")).contains("PARTNER_OFFER_EXTENDED").doesNotContain("NOPE");

    notify(seller.organizationId(), NotificationType.NEW_ORDER, "Hidden from sales", null);
    assertThat(api.get("/api/v1/notifications").get("items")).isEmpty();

    HttpResponse<String> put = api.send("PUT", "/api/v1/notifications/preferences",
        "{\"preferences\": [{\"type\": \"NEW_ORDER\", \"console\": true}]}");
    assertThat(put.statusCode()).isEqualTo(200);
    JsonNode changed = find(new ObjectMapper().readTree(put.body()).get("preferences"), "NEW_ORDER");
    assertThat(changed.get("console").asBoolean()).isTrue();
    assertThat(changed.get("email").asBoolean()).as("left out, left as it was").isTrue();
    assertThat(api.send("PUT", "/api/v1/notifications/preferences",
        "{\"preferences\": [{\"type\": \"NOPE\"}]}").statusCode()).isEqualTo(400);

    notify(seller.organizationId(), NotificationType.NEW_ORDER, "Shown to sales", null);
    assertThat(api.get("/api/v1/notifications").get("items").findValuesAsText("title"))
        .containsExactly("Shown to sales");

    // A viewer's role hears of nothing; the page says so rather than failing.
    Http viewer = signedIn(tenants.user(seller, Role.VIEWER));
    assertThat(viewer.get("/settings/notifications").status()).isEqualTo(200);
    assertThat(viewer.get("/notifications").body()).contains("No notifications yet");
  }

  @Test
  void every_type_has_an_email_template_in_the_preview_page_that_renders() {
    Http admin = signedIn(seller.adminEmail());
    String page = admin.get("/settings/email-templates").body();
    assertThat(page).doesNotContain("data-testid=\"template-error\"");
    for (NotificationType type : NotificationType.values()) {
      String name = "team-" + type.name().toLowerCase().replace('_', '-');
      assertThat(page).as(name).contains("data-template=\"" + name + "\"");
    }
    assertThat(page).contains("New order: Acme Corp bought Example Platform");
  }

  private void notify(UUID organizationId, NotificationType type, String title, String link) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Buyer account", "777788889999");
    tx.executeWithoutResult(s -> notifications.notify(new TeamNotice(organizationId, type, title, "What happened.",
        link, facts, "test:" + UUID.randomUUID())));
  }

  private Http signedIn(String email) {
    Http console = new Http(port);
    assertThat(console.signIn(email, TestTenants.PASSWORD).status()).isEqualTo(302);
    return console;
  }

  /** The navbar bell's badge text, or "" when there is none. */
  private static String badge(Http console) {
    Http.Response r = console.get("/settings/notifications");
    assertThat(r.status()).isEqualTo(200);
    Matcher m = Pattern.compile("data-testid=\"unread-count\"[^>]*>([^<]*)<").matcher(r.body());
    return m.find() ? m.group(1).strip() : "";
  }

  private static List<String> ids(String page) {
    Matcher m = Pattern.compile("data-id=\"([0-9a-f-]{36})\"").matcher(page);
    List<String> ids = new java.util.ArrayList<>();
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static boolean checkbox(String page, String name) {
    Matcher m = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(page);
    assertThat(m.find()).as(name).isTrue();
    return m.group().contains("checked");
  }

  private static JsonNode find(JsonNode preferences, String type) {
    for (JsonNode p : preferences) {
      if (p.get("type").asText().equals(type)) {
        return p;
      }
    }
    throw new AssertionError("No preference for " + type + " in " + preferences);
  }

  /**
   * The API as the console's own scripts call it: with the signed-in session's cookie and its CSRF token
   * in a header (support's Http sends no custom headers on PUT).
   */
  private final class SessionApi {
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final String csrf;

    SessionApi(String email) throws Exception {
      String signin = send("GET", "/signin", null).body();
      Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(signin);
      assertThat(m.find()).isTrue();
      HttpRequest form = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/signin"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("email=" + java.net.URLEncoder.encode(email, "UTF-8")
              + "&password=" + java.net.URLEncoder.encode(TestTenants.PASSWORD, "UTF-8") + "&_csrf=" + m.group(1)))
          .build();
      client.send(form, HttpResponse.BodyHandlers.ofString());
      Matcher meta = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"")
          .matcher(send("GET", "/notifications", null).body());
      assertThat(meta.find()).as("signed in as " + email).isTrue();
      this.csrf = meta.group(1);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
      HttpResponse<String> r = send("GET", path, null);
      assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
      return new ObjectMapper().readTree(r.body());
    }

    /** Posts a console form (repeated names allowed) with the session's CSRF token. */
    HttpResponse<String> postForm(String path, String urlEncoded) throws IOException, InterruptedException {
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(urlEncoded + "&_csrf=" + csrf)).build();
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
      if (json == null) {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        b.header("Content-Type", "application/json").header("X-CSRF-TOKEN", csrf)
            .method(method, HttpRequest.BodyPublishers.ofString(json));
      }
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
