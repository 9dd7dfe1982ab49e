package org.offerdesk.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Settings → Webhooks in the console, through its forms as a browser posts them. */
@OfferDeskTest
class WebhookPagesTest {

  private static final Pattern SECRET = Pattern.compile("data-testid=\"new-secret-value\">(whsec_[^<]+)<");

  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  TestTenants tenants;
  TestTenants.Tenant seller;
  Http console;
  WebhookReceiver receiver;

  @BeforeEach
  void setUp() {
    tenants = new TestTenants(context);
    seller = tenants.seller("Console Hooks Co");
    console = new Http(port);
    assertThat(console.signIn(seller.adminEmail(), TestTenants.PASSWORD).status()).isEqualTo(302);
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  @Test
  void an_admin_adds_an_endpoint_sees_its_secret_once_tests_it_and_manages_it() {
    Http.Response list = console.get("/settings/webhooks");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("No webhook endpoints yet").contains("order.entitlements_changed");
    assertThat(console.get("/settings/users").body()).contains("href=\"/settings/webhooks\"");

    String csrf = console.csrfFrom("/settings/webhooks");
    Http.Response added = console.postForm("/settings/webhooks", Map.of("url", receiver.url("/hook"),
        "events", "*", "description", "Provisioning service"), csrf);
    assertThat(added.status()).isEqualTo(302);
    String page = added.header("Location");
    assertThat(page).matches(".*/settings/webhooks/[0-9a-f-]{36}");
    String path = page.substring(page.indexOf("/settings/"));
    String id = path.substring(path.lastIndexOf('/') + 1);

    Http.Response first = console.get(path);
    Matcher secret = SECRET.matcher(first.body());
    assertThat(secret.find()).as(first.body()).isTrue();
    assertThat(first.body()).contains("Provisioning service").contains("ENABLED");
    Http.Response again = console.get(path);
    assertThat(again.body()).doesNotContain(secret.group(1)).doesNotContain("new-secret-value");

    csrf = console.csrfFrom(path);
    assertThat(follow(console.postForm(path + "/test", Map.of(), csrf))).contains("Test event queued");
    await().atMost(WebhookDeliveryTest.WAIT).until(() -> console.get(path).body().contains("data-status=\"DELIVERED\""));
    WebhookReceiver.Received got = receiver.at("/hook").get(0);
    assertThat(got.header("OfferDesk-Event-Type")).isEqualTo("webhook.test");
    assertThat(WebhookReceiver.verify(secret.group(1), got.header("OfferDesk-Signature"), got.body(),
        context.getBean(java.time.Clock.class).instant())).isTrue();
    assertThat(console.get(path).body()).contains("webhook.test").contains("HTTP 200");

    String deliveryId = extract(console.get(path).body(), "<tr data-id=\"([0-9a-f-]{36})\" data-status=\"DELIVERED\"");
    assertThat(follow(console.postForm("/settings/webhooks/deliveries/" + deliveryId + "/redeliver", Map.of(), csrf)))
        .contains("Redelivering webhook.test");
    await().atMost(WebhookDeliveryTest.WAIT).until(() -> receiver.at("/hook").size() == 2);

    assertThat(follow(console.postForm(path + "/disable", Map.of(), csrf))).contains("DISABLED")
        .doesNotContain("data-testid=\"send-test\"");
    assertThat(follow(console.postForm(path + "/enable", Map.of(), csrf))).contains("data-testid=\"send-test\"");

    Matcher rotated = SECRET.matcher(follow(console.postForm(path + "/rotate", Map.of(), csrf)));
    assertThat(rotated.find()).isTrue();
    assertThat(rotated.group(1)).isNotEqualTo(secret.group(1));

    assertThat(follow(console.postForm(path + "/delete", Map.of(), csrf))).contains("Deleted the endpoint");
    assertThat(console.get(path).status()).isEqualTo(404);
    assertThat(console.get("/settings/webhooks").body()).doesNotContain(id);
    assertThat(console.get("/settings/audit").body()).contains("webhook.created").contains("webhook.redelivered")
        .contains("webhook.deleted");
  }

  @Test
  void a_bad_endpoint_form_is_shown_again_with_what_is_wrong() {
    String csrf = console.csrfFrom("/settings/webhooks");
    Http.Response refused = console.postForm("/settings/webhooks", Map.of("url", "ftp://example.com/x"), csrf);
    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused.body()).contains("must be an http or https URL").contains("ftp://example.com/x")
        .contains("must list event types");
    assertThat(console.get("/settings/webhooks").body()).contains("No webhook endpoints yet");
  }

  @Test
  void other_organizations_and_other_roles_cannot_reach_the_pages() {
    Http owner = new Http(port).bearer(seller.adminToken());
    String id = WebhookDeliveryTest.register(owner, receiver.url("/hook"), List.of("*")).id();

    TestTenants.Tenant other = tenants.seller("Other Console Co");
    Http otherConsole = new Http(port);
    otherConsole.signIn(other.adminEmail(), TestTenants.PASSWORD);
    assertThat(otherConsole.get("/settings/webhooks/" + id).status()).isEqualTo(404);
    String csrf = otherConsole.csrfFrom("/settings/webhooks");
    assertThat(otherConsole.postForm("/settings/webhooks/" + id + "/delete", Map.of(), csrf).status()).isEqualTo(404);
    assertThat(console.get("/settings/webhooks/" + id).status()).isEqualTo(200);

    Http sales = new Http(port);
    sales.signIn(tenants.user(seller, Role.SALES), TestTenants.PASSWORD);
    assertThat(sales.get("/settings/webhooks").status()).isEqualTo(403);
  }

  /** Follows a form's redirect as a browser does, and returns the page it lands on. */
  private String follow(Http.Response posted) {
    assertThat(posted.status()).as(posted.body()).isEqualTo(302);
    String location = posted.header("Location");
    return console.get(location.substring(location.indexOf("/settings/"))).body();
  }

  private static String extract(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(1);
  }
}
