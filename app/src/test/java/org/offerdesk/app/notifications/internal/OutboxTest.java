package org.offerdesk.app.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.notifications.Emails;
import org.offerdesk.app.notifications.OutgoingEmail;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With no SMTP server configured (the plain test context), email is kept as OUTBOX_ONLY and shown to
 * the organization's admins, in the console and the API, and to nobody else.
 */
@OfferDeskTest
class OutboxTest {

  @Autowired Emails emails;
  @Autowired MailTemplates templates;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  TestTenants tenants;
  TestTenants.Tenant seller;

  @BeforeEach
  void setUp() {
    tenants = new TestTenants(context);
    seller = tenants.seller("Outbox Co");
  }

  @Test
  void without_smtp_email_is_kept_in_the_outbox_for_its_organizations_admins_only() {
    String buyer = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@buyer.example";
    UUID first = queue(buyer, "Ada <Lovelace> & Co");
    UUID second = queue("grace@navy.example", "Grace");
    assertThat(jdbc.sql("SELECT count(*) FROM job WHERE dedupe_key = ?").param("email.deliver:" + first)
        .query(Long.class).single()).as("no delivery job without SMTP").isZero();

    Http api = new Http(port).bearer(seller.adminToken());
    JsonNode page = api.get("/api/v1/outbox?status=OUTBOX_ONLY&limit=1").json();
    assertThat(page.get("items")).hasSize(1);
    assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(second.toString());
    assertThat(page.get("items").get(0).get("status").asText()).isEqualTo("OUTBOX_ONLY");
    JsonNode next = api.get("/api/v1/outbox?status=OUTBOX_ONLY&limit=1&cursor=" + page.get("nextCursor").asText())
        .json();
    assertThat(next.get("items").get(0).get("id").asText()).isEqualTo(first.toString());
    assertThat(api.get("/api/v1/outbox?recipient=" + buyer.substring(0, 12)).json().get("items")
        .findValuesAsText("id")).containsExactly(first.toString());
    assertThat(api.get("/api/v1/outbox?status=SENT").json().get("items")).isEmpty();
    assertThat(api.get("/api/v1/outbox?status=NOPE").status()).isEqualTo(400);
    JsonNode one = api.get("/api/v1/outbox/" + first).json();
    assertThat(one.get("to").get(0).asText()).isEqualTo(buyer);
    assertThat(one.get("html").asText()).contains("Ada &lt;Lovelace&gt; &amp; Co");
    assertThat(one.get("text").asText()).contains("Ada <Lovelace> & Co sent it");

    Http console = signedIn(seller.adminEmail());
    String outboxPage = console.get("/notifications/outbox").body();
    assertThat(outboxPage).contains(first.toString()).contains(buyer).contains("OUTBOX_ONLY")
        .contains("No SMTP server is configured");
    String detail = console.get("/notifications/outbox/" + first).body();
    assertThat(detail).contains("sandbox=\"\"").contains("srcdoc=\"").contains("Ada &lt;Lovelace&gt; &amp; Co sent it");
    Http.Response csv = console.get("/notifications/outbox.csv?recipient=" + buyer);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body().lines().toList()).hasSize(2);
    assertThat(csv.body()).startsWith("id,created_at,status,to,subject").contains(first.toString() + ",");

    TestTenants.Tenant other = tenants.seller("Other Outbox Co");
    Http otherApi = new Http(port).bearer(other.adminToken());
    assertThat(otherApi.get("/api/v1/outbox").json().get("items")).isEmpty();
    assertThat(otherApi.get("/api/v1/outbox/" + first).status()).isEqualTo(404);
    Http otherConsole = signedIn(other.adminEmail());
    assertThat(otherConsole.get("/notifications/outbox/" + first).status()).isEqualTo(404);
    assertThat(otherConsole.get("/notifications/outbox.csv").body()).doesNotContain(first.toString());

    Http sales = new Http(port).bearer(tenants.token(seller, Role.SALES));
    assertThat(sales.get("/api/v1/outbox").status()).isEqualTo(403);
    assertThat(signedIn(tenants.user(seller, Role.SALES)).get("/notifications/outbox").status()).isEqualTo(403);
  }

  @Test
  void send_test_email_queues_the_test_message_to_the_signed_in_admin() {
    Http console = signedIn(seller.adminEmail());
    String csrf = console.csrfFrom("/notifications/outbox");
    Http.Response sent = console.postForm("/notifications/outbox/test", Map.of(), csrf);
    assertThat(sent.status()).isEqualTo(302);
    Matcher location = Pattern.compile("/notifications/outbox/([0-9a-f-]{36})$").matcher(sent.header("Location"));
    assertThat(location.find()).isTrue();
    String id = location.group(1);

    String page = console.get("/notifications/outbox/" + id).body();
    assertThat(page).contains("Test email from OfferDesk").contains(seller.adminEmail())
        .contains("This is a test email from OfferDesk").contains("OUTBOX_ONLY");
    JsonNode email = new Http(port).bearer(seller.adminToken()).get("/api/v1/outbox/" + id).json();
    assertThat(email.get("template").asText()).isEqualTo("test-message");
    assertThat(email.get("to").get(0).asText()).isEqualTo(seller.adminEmail());
    assertThat(console.postForm("/notifications/outbox/test", Map.of(), null).status())
        .as("without CSRF token").isEqualTo(403);
  }

  @Test
  void the_template_page_previews_every_template_with_its_sample() {
    assertThat(templates.names()).contains("test-message");
    Http console = signedIn(seller.adminEmail());
    Http.Response page = console.get("/settings/email-templates");
    assertThat(page.status()).isEqualTo(200);
    for (String name : templates.names()) {
      assertThat(page.body()).contains("data-template=\"" + name + "\"");
    }
    assertThat(page.body()).doesNotContain("template-error").contains("Test email from OfferDesk")
        .contains("Ada Admin");
    assertThat(templates.previews()).allSatisfy(p -> assertThat(p.error()).as(p.name()).isNull());
    assertThat(console.get("/settings/users").body()).contains("href=\"/notifications/outbox\"");
  }

  @Test
  void an_admin_sends_a_test_email_from_the_console_and_reads_it_in_the_outbox() {
    try (Browser browser = new Browser(port)) {
      browser.signIn(seller.adminEmail(), TestTenants.PASSWORD);
      browser.clickLink("Settings").clickLink("Email");
      assertThat(browser.text("[data-testid=no-smtp]")).contains("No SMTP server is configured");
      browser.click("[data-testid=send-test]");
      assertThat(browser.text("[data-testid=subject]")).isEqualTo("Test email from OfferDesk");
      assertThat(browser.text("[data-testid=status]")).isEqualTo("OUTBOX_ONLY");
      assertThat(browser.text("[data-testid=text]")).contains("This is a test email from OfferDesk");
      assertThat(browser.find("[data-testid=html]").getAttribute("srcdoc")).contains("<h1");
      browser.screenshot("outbox-email");
      browser.clickLink("Outbox");
      assertThat(browser.text("[data-testid=outbox]")).contains("Test email from OfferDesk").contains("OUTBOX_ONLY");
      browser.screenshot("outbox");
      browser.clickLink("Templates");
      assertThat(browser.text("[data-template=test-message]")).contains("Test email from OfferDesk");
      browser.screenshot("email-templates");
    }
  }

  private UUID queue(String to, String requestedBy) {
    return emails.queue(new OutgoingEmail(seller.organizationId(), List.of(to), "test-message",
        Map.of("requestedBy", requestedBy, "organizationName", "Outbox Co", "requestedAt", "today"), null));
  }

  private Http signedIn(String email) {
    Http http = new Http(port);
    http.signIn(email, TestTenants.PASSWORD);
    return http;
  }
}
