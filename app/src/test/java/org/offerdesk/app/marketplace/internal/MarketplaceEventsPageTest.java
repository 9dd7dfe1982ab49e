package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.jobs.JobStatus;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.Browser;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxAccounts;
import org.offerdesk.app.support.SandboxTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dead-letter list: an event the organization cannot handle (it names an agreement of another seller
 * account, as when the connection points at the wrong account) is retried, parked, shown with its body
 * and error, and handled once an admin fixes the connection and retries it.
 */
@SandboxTest
class MarketplaceEventsPageTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired JdbcClient jdbc;
  @Autowired Jobs jobs;

  @Test
  void a_parked_event_is_listed_read_and_retried_once_its_cause_is_fixed() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Events Co");
    UUID org = seller.tenant.organizationId();
    Http sandboxControl = new Http(sandbox.endpoint().toString());

    // A normal event: a buyer subscribes to the seller's public listing, and its order is made.
    String mine = seller.sandbox.product(seller.account, "Events Co Public", "Public");
    String buyer = seller.sandbox.buyer("Events Buyer");
    assertThat(sandboxControl.postJson("/sandbox/products/" + mine + "/subscribe", Map.of("buyerAccountId", buyer,
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 1)))).status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> seller.api.get("/api/v1/orders?q=" + buyer).json().at("/items").size() == 1);

    // The agreement of another seller account, which this organization's connection cannot see.
    SandboxAccounts.Account elsewhere = seller.sandbox.seller("Events Co (other account)");
    String theirs = seller.sandbox.product(elsewhere, "Other Public", "Public");
    String otherBuyer = seller.sandbox.buyer("Other Buyer");
    Http.Response subscribed = sandboxControl.postJson("/sandbox/products/" + theirs + "/subscribe",
        Map.of("buyerAccountId", otherBuyer, "dimensions", List.of(Map.of("key", "Seats", "quantity", 1))));
    String agreementId = subscribed.json().at("/agreementId").asText();
    assertThat(agreementId).isNotBlank();

    String eventId = "poison-" + UUID.randomUUID();
    String key = MarketplaceEventLog.key(org, eventId);
    String body = """
        {"version":"0","id":"%s","detail-type":"Purchase Agreement Created - Manufacturer",
         "source":"aws.agreement-marketplace","account":"%s","time":"%s","region":"us-east-1","resources":[],
         "detail":{"requestId":"r-1","agreement":{"id":"%s","acceptor":{"accountId":"%s"},
           "proposer":{"accountId":"%s"},"status":"ACTIVE"}}}"""
        .formatted(eventId, elsewhere.accountId(), Instant.now(), agreementId, otherBuyer, elsewhere.accountId());
    jdbc.sql("""
        INSERT INTO marketplace_event (organization_id, event_id, detail_type, source, occurred_at, body, received_at)
        VALUES (?, ?, 'Purchase Agreement Created - Manufacturer', 'aws.agreement-marketplace', ?, CAST(? AS jsonb), ?)""")
        .params(org, eventId, Timestamp.from(Instant.now()), body, Timestamp.from(Instant.now())).update();
    jobs.scheduleNow(MarketplaceEventJob.KIND, org, Map.of("eventId", eventId), key);

    // While it fails it is listed as failing; each retry is made due at once until it is parked.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      jobs.expedite(key);
      return job(org, key).map(j -> j.status() == JobStatus.PARKED).orElse(false);
    });
    Jobs.JobInfo parked = job(org, key).orElseThrow();
    assertThat(parked.attempts()).isEqualTo(parked.maxAttempts());
    assertThat(parked.lastError()).contains("ResourceNotFound");

    Http admin = new Http(port);
    admin.signIn(seller.tenant.adminEmail(), seller.tenant.adminPassword());
    String all = admin.get("/settings/marketplace-events").body();
    assertThat(all).contains("Marketplace events", "Purchase Agreement Created - Manufacturer");
    assertThat(state(all, eventId)).isEqualTo("PARKED");
    assertThat(states(all)).containsValue("HANDLED").hasSizeGreaterThanOrEqualTo(2);
    assertThat(all).contains("ResourceNotFound");
    assertThat(group(all, "data-testid=\"parked-count\">(\\d+)<")).isEqualTo("1");
    assertThat(states(admin.get("/settings/marketplace-events?show=parked").body())).containsOnlyKeys(eventId);
    assertThat(states(admin.get("/settings/marketplace-events?show=failing").body())).containsOnlyKeys(eventId);

    String page = "/settings/marketplace-events/" + eventId;
    String event = admin.get(page).body();
    assertThat(event).contains(agreementId, "&quot;detail-type&quot; : &quot;Purchase Agreement Created", "Retry",
        "8 of 8", "ResourceNotFound");

    try (Browser browser = new Browser(port)) {
      browser.signInTo("/settings/marketplace-events?show=parked", seller.tenant.adminEmail(),
          seller.tenant.adminPassword());
      assertThat(browser.text("[data-testid=events]")).contains(eventId, "PARKED");
      browser.screenshot("marketplace-events-parked");
      browser.open(page);
      assertThat(browser.text("[data-testid=body]")).contains(agreementId);
      browser.screenshot("marketplace-event-parked");
    }

    // The cause: the connection points at the wrong account. Fixed, the event is retried and handled.
    Http.Response reconnected = seller.api.putJson("/api/v1/marketplace/connection", Map.of(
        "awsAccountId", elsewhere.accountId(), "endpointOverride", sandbox.endpoint().toString(),
        "credentials", Map.of("accessKeyId", elsewhere.accessKeyId(), "secretAccessKey", elsewhere.secretAccessKey())));
    assertThat(reconnected.status()).as(reconnected.body()).isEqualTo(200);
    // Right after a connection change, two threads may build the new SDK clients at once and one closes the
    // other's (SdkClients.clients checks, then puts): a request can fail once with RejectedExecutionException.
    // Reported to the lead; the sync is idempotent, so it is repeated until it goes through.
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> seller.api.postJson("/api/v1/listings/sync", Map.of()).status() == 200);
    Http.Response retried = admin.postForm(page + "/retry", Map.of(), admin.csrfFrom(page));
    assertThat(retried.status()).isEqualTo(302);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> job(org, key).map(j -> j.status() == JobStatus.DONE).orElse(false));
    String handled = admin.get(page).body();
    assertThat(handled).contains(">HANDLED<").doesNotContain("data-testid=\"retry\"");
    assertThat(jdbc.sql("SELECT handled_at IS NOT NULL FROM marketplace_event WHERE organization_id = ? AND event_id = ?")
        .params(org, eventId).query(Boolean.class).single()).isTrue();
    assertThat(seller.api.get("/api/v1/orders?q=" + agreementId).json().at("/items").size()).isEqualTo(1);
    assertThat(states(admin.get("/settings/marketplace-events?show=parked").body())).isEmpty();
    assertThat(admin.get("/settings/marketplace-events?show=parked").body()).contains("Nothing is parked");

    // Retrying what is not parked changes nothing and says so.
    Http.Response again = admin.postForm(page + "/retry", Map.of(), admin.csrfFrom(page));
    assertThat(again.status()).isEqualTo(302);
    assertThat(admin.get(page).body()).contains("Only a parked event can be retried");

    // Other organizations and roles without settings see none of it.
    TestTenants tenants = new TestTenants(context);
    Http nosy = new Http(port);
    TestTenants.Tenant other = tenants.seller("Nosy Events Co");
    nosy.signIn(other.adminEmail(), other.adminPassword());
    assertThat(nosy.get(page).status()).isEqualTo(404);
    assertThat(nosy.get("/settings/marketplace-events").body()).doesNotContain(eventId)
        .contains("No marketplace events received yet");
    assertThat(nosy.postForm(page + "/retry", Map.of(), nosy.csrfFrom("/settings/marketplace-events")).status())
        .isEqualTo(404);
    Http viewer = new Http(port);
    viewer.signIn(tenants.user(seller.tenant, Role.VIEWER), TestTenants.PASSWORD);
    assertThat(viewer.get("/settings/marketplace-events").status()).isEqualTo(403);
  }

  private Optional<Jobs.JobInfo> job(UUID org, String key) {
    return jobs.find(org, List.of(key)).stream().findFirst();
  }

  /** Each listed event's handling state, by event ID. */
  private static Map<String, String> states(String html) {
    Matcher m = Pattern.compile("data-event-id=\"([^\"]+)\" data-state=\"([^\"]+)\"").matcher(html);
    Map<String, String> states = new java.util.LinkedHashMap<>();
    while (m.find()) {
      states.put(m.group(1), m.group(2));
    }
    return states;
  }

  private static String state(String html, String eventId) {
    return states(html).get(eventId);
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
