package org.offerdesk.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.OfferDeskTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's figures against a known set of offers and orders: the first quarter of 2024 with offers
 * and orders on its first and last instant and just outside it, two owners, two currencies, and, around
 * today, offers about to expire and agreements about to end. Each figure's link opens a table that counts
 * the same rows; another organization's rows never count.
 */
@OfferDeskTest
class DashboardFiguresTest {

  static final String Q1 = "from=2024-01-01&to=2024-03-31";
  static final String ALICE = "alice@figures.test";
  static final String BOB = "bob@figures.test";

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired Clock clock;

  TestTenants.Tenant tenant;
  Http api;
  Http other;

  @BeforeEach
  void seed() {
    tenant = new TestTenants(context).seller("Figures Co");
    api = new Http(port).bearer(tenant.adminToken());
    DealDesk desk = new DealDesk(jdbc, tenant.organizationId());
    // The pipeline of Q1 2024: the first and the last instant count, the instants around them do not.
    desk.offer("SENT", ALICE, "USD", "1000.00", at("2024-01-01T00:00:00Z"));
    UUID acceptedByAlice = desk.offer("ACCEPTED", ALICE, "USD", "2500.50", at("2024-02-15T10:00:00Z"));
    UUID acceptedByBob = desk.offer("ACCEPTED", BOB, "USD", "500.00", at("2024-03-31T23:59:59.999Z"));
    desk.offer("DRAFT", BOB, "USD", "300.00", at("2024-03-10T10:00:00Z"));
    desk.offer("EXPIRED", ALICE, "EUR", "800.00", at("2024-02-01T10:00:00Z"));
    desk.offer("CANCELLED", ALICE, "USD", "100.00", at("2024-01-10T10:00:00Z"));
    desk.offer("SENT", BOB, "USD", "9999.00", at("2023-12-31T23:59:59.999Z"));
    desk.offer("SENT", ALICE, "USD", "7777.00", at("2024-04-01T00:00:00Z"));
    // Bookings of Q1 2024, by acceptance.
    desk.order("DIRECT", "PROVISIONED", acceptedByAlice, "USD", "2500.50", at("2024-02-16T09:00:00Z"), null);
    desk.order("AMENDMENT", "PROVISIONED", acceptedByBob, "USD", "500.00", at("2024-03-31T23:59:59.999Z"), null);
    desk.order("PARTNER", "PROVISIONED", null, "USD", "1200.00", at("2024-01-01T00:00:00Z"), null);
    desk.order("DIRECT", "PROVISIONED", null, "EUR", "300.00", at("2024-02-20T09:00:00Z"), null);
    desk.order("PUBLIC", "ENDED", null, "USD", "50.00", at("2024-04-01T00:00:00Z"), null);
    // Around today: offers about to expire, orders waiting, agreements about to end.
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Instant now = clock.instant();
    desk.offer("SENT", ALICE, "USD", "10.00", now, today.plusDays(3), "offer-e1");
    desk.offer("VIEWED", BOB, "USD", "10.00", now, today.plusDays(7), "offer-e2");
    desk.offer("SENT", BOB, "USD", "10.00", now, today.plusDays(8), "offer-e3");
    UUID aliceAccepted = desk.offer("ACCEPTED", ALICE, "USD", "1000.00", now, today.plusDays(2), "offer-e4");
    desk.offer("PUBLISH_FAILED", ALICE, "USD", "10.00", now, today.plusDays(20), null);
    desk.order("DIRECT", "PENDING_REGISTRATION", aliceAccepted, "USD", "1000.00", now, null);
    desk.order("DIRECT", "PROVISIONED", aliceAccepted, "USD", "1000.00", now, noon(today.plusDays(30)));
    desk.order("PUBLIC", "REGISTERED", null, "USD", "2000.00", now, noon(today.plusDays(120)));
    desk.order("DIRECT", "CANCELLED", null, "USD", "40.00", now, noon(today.plusDays(10)));
    desk.order("DIRECT", "PROVISIONED", null, "USD", "80.00", now, noon(today.plusDays(121)));
    desk.order("DIRECT", "ENDED", null, "USD", "160.00", now, noon(today.plusDays(5)));

    // Another organization's deals in the same quarter, with the same owner's name.
    TestTenants.Tenant elsewhere = new TestTenants(context).seller("Elsewhere Co");
    other = new Http(port).bearer(elsewhere.adminToken());
    DealDesk theirs = new DealDesk(jdbc, elsewhere.organizationId());
    UUID their = theirs.offer("ACCEPTED", ALICE, "USD", "50000.00", at("2024-02-01T00:00:00Z"));
    theirs.order("DIRECT", "PENDING_REGISTRATION", their, "USD", "50000.00", at("2024-02-02T00:00:00Z"),
        noon(today.plusDays(60)));
  }

  @Test
  void the_pipeline_counts_the_offers_created_in_the_period_by_stage() {
    JsonNode team = api.get("/api/v1/dashboard?" + Q1).json();
    assertThat(team.at("/period/from").asText()).isEqualTo("2024-01-01");
    assertThat(team.at("/period/to").asText()).isEqualTo("2024-03-31");
    assertThat(lines(team.at("/pipeline/items"), "stage", "currency", "count", "contractValue")).containsExactly(
        "DRAFT USD 1 300.00", "SENT USD 1 1000.00", "ACCEPTED USD 2 3000.50", "EXPIRED EUR 1 800.00",
        "CANCELLED USD 1 100.00");
    // Sent: the SENT, both ACCEPTED and the EXPIRED one (the cancelled draft never reached a buyer).
    assertThat(team.at("/pipeline/conversion/sent").asLong()).isEqualTo(4);
    assertThat(team.at("/pipeline/conversion/accepted").asLong()).isEqualTo(2);
    assertThat(team.at("/pipeline/conversion/percent").asText()).isEqualTo("50.0");

    JsonNode alice = api.get("/api/v1/dashboard?" + Q1 + "&owner=" + ALICE).json();
    assertThat(lines(alice.at("/pipeline/items"), "stage", "currency", "count", "contractValue")).containsExactly(
        "SENT USD 1 1000.00", "ACCEPTED USD 1 2500.50", "EXPIRED EUR 1 800.00", "CANCELLED USD 1 100.00");
    assertThat(alice.at("/pipeline/conversion/percent").asText()).isEqualTo("33.3");

    // One day less at either end drops the offers on the edges.
    JsonNode inner = api.get("/api/v1/dashboard?from=2024-01-02&to=2024-03-30").json();
    assertThat(lines(inner.at("/pipeline/items"), "stage", "count")).containsExactly("DRAFT 1", "ACCEPTED 1",
        "EXPIRED 1", "CANCELLED 1");

    // Every figure opens the offers table filtered to exactly its offers.
    for (JsonNode item : team.at("/pipeline/items")) {
      assertThat(rows("/api/v1" + item.at("/link").asText())).as(item.toString()).isEqualTo(item.at("/count").asLong());
    }
    for (JsonNode item : alice.at("/pipeline/items")) {
      assertThat(rows("/api/v1" + item.at("/link").asText())).as(item.toString()).isEqualTo(item.at("/count").asLong());
    }
  }

  @Test
  void bookings_add_up_accepted_contract_value_by_month_and_kind() {
    JsonNode team = api.get("/api/v1/dashboard?" + Q1).json();
    assertThat(lines(team.at("/bookings/items"), "month", "kind", "currency", "count", "contractValue"))
        .containsExactly("2024-01 PARTNER USD 1 1200.00", "2024-02 NEW EUR 1 300.00", "2024-02 NEW USD 1 2500.50",
            "2024-03 AMENDMENT USD 1 500.00");
    JsonNode alice = api.get("/api/v1/dashboard?" + Q1 + "&owner=" + ALICE).json();
    assertThat(lines(alice.at("/bookings/items"), "month", "kind", "currency", "count", "contractValue"))
        .containsExactly("2024-02 NEW USD 1 2500.50");
    JsonNode bob = api.get("/api/v1/dashboard?" + Q1 + "&owner=" + BOB).json();
    assertThat(lines(bob.at("/bookings/items"), "month", "kind", "count")).containsExactly("2024-03 AMENDMENT 1");
    // The same quarter a day shorter loses the amendment accepted in its last millisecond.
    JsonNode shorter = api.get("/api/v1/dashboard?from=2024-01-01&to=2024-03-30").json();
    assertThat(lines(shorter.at("/bookings/items"), "month", "kind")).doesNotContain("2024-03 AMENDMENT");

    for (JsonNode item : team.at("/bookings/items")) {
      // The orders table has no currency filter: a month and kind link counts every currency of it.
      long sameMonthAndKind = 0;
      for (JsonNode other : team.at("/bookings/items")) {
        if (other.at("/month").equals(item.at("/month")) && other.at("/kind").equals(item.at("/kind"))) {
          sameMonthAndKind += other.at("/count").asLong();
        }
      }
      assertThat(rows("/api/v1" + item.at("/link").asText())).as(item.toString()).isEqualTo(sameMonthAndKind);
    }
  }

  @Test
  void attention_and_renewals_due_count_what_is_pending_now() {
    JsonNode team = api.get("/api/v1/dashboard").json();
    assertThat(team.at("/period/kind").asText()).isEqualTo("QUARTER");
    assertThat(lines(team.at("/attention/items"), "kind", "count")).containsExactly("OFFERS_EXPIRING 2",
        "ORDERS_AWAITING_REGISTRATION 1", "ORDERS_AWAITING_PROVISIONING 1", "PUBLISH_FAILURES 1", "APPROVALS_WAITING 0", "PARKED_JOBS 0");
    assertThat(team.at("/renewalsDue/within").asText()).isEqualTo("P120D");
    assertThat(team.at("/renewalsDue/count").asLong()).isEqualTo(2);
    assertThat(lines(team.at("/renewalsDue/contractValue"), "amount", "currency")).containsExactly("3000.00 USD");

    JsonNode alice = api.get("/api/v1/dashboard?owner=" + ALICE).json();
    assertThat(lines(alice.at("/attention/items"), "kind", "count")).containsExactly("OFFERS_EXPIRING 1",
        "ORDERS_AWAITING_REGISTRATION 1", "ORDERS_AWAITING_PROVISIONING 0", "PUBLISH_FAILURES 1", "APPROVALS_WAITING 0", "PARKED_JOBS 0");
    assertThat(alice.at("/renewalsDue/count").asLong()).isEqualTo(1);
    assertThat(lines(alice.at("/renewalsDue/contractValue"), "amount", "currency")).containsExactly("1000.00 USD");

    for (JsonNode dashboard : List.of(team, alice)) {
      for (JsonNode item : dashboard.at("/attention/items")) {
        if (!item.at("/kind").asText().equals("PARKED_JOBS")) {
          assertThat(rows("/api/v1" + item.at("/link").asText())).as(item.toString())
              .isEqualTo(item.at("/count").asLong());
        }
      }
      assertThat(rows("/api/v1" + dashboard.at("/renewalsDue/link").asText()))
          .isEqualTo(dashboard.at("/renewalsDue/count").asLong());
    }
    assertThat(team.at("/attention/items/5/link").asText()).isEqualTo("/settings/jobs?status=PARKED");
  }

  @Test
  void the_page_shows_the_figures_with_a_chart_of_bookings_whose_bars_link_to_their_orders() {
    Http console = new Http(port);
    assertThat(console.signIn(tenant.adminEmail(), TestTenants.PASSWORD).header("Location")).endsWith("/dashboard");
    String page = console.get("/dashboard?" + Q1).body();
    assertThat(page).contains("2024-01-01 to 2024-03-31").contains("data-testid=\"bookings-chart\"")
        .contains(", in USD").contains("Jan &#39;24").contains("Mar &#39;24")
        .contains("href=\"/orders?bookingKind=AMENDMENT&amp;acceptedFrom=2024-03-01&amp;acceptedTo=2024-03-31\"")
        .contains("3,000.50 USD").contains("800.00 EUR").contains("50.0 %")
        .contains("href=\"/offers?stage=ACCEPTED&amp;createdFrom=2024-01-01&amp;createdTo=2024-03-31\"");
    assertThat(console.get("/orders?bookingKind=AMENDMENT&acceptedFrom=2024-03-01&acceptedTo=2024-03-31").body())
        .contains("500.00");
    // A period that cannot be shown falls back to this quarter, saying so.
    assertThat(console.get("/dashboard?from=2024-03-01&to=2024-01-01").body())
        .contains("That period cannot be shown (to must not be before from)");
    // Not connected, but with offers sent (the seeded ones): the checklist shows one step of six done.
    assertThat(page).contains("data-testid=\"onboarding\"").contains("1 of 6")
        .contains("data-step=\"first-offer\" data-done=\"true\"")
        .contains("data-step=\"marketplace\" data-done=\"false\"");
  }

  @Test
  void the_checklist_names_each_listing_whose_fulfillment_url_is_not_offerdesks() {
    String slug = jdbc.sql("SELECT slug FROM organization WHERE id = ?").param(tenant.organizationId())
        .query(String.class).single();
    String ours = "http://localhost:" + port + "/marketplace/register";
    // In title order: set to the organization's address, to the generic one, elsewhere, and not at all.
    String[][] listings = {{"prod-a", "Alpha", ours + "/" + slug}, {"prod-b", "Beta", ours},
        {"prod-c", "Gamma", "https://example.com/signup"}, {"prod-d", "Delta", null}};
    for (String[] l : listings) {
      jdbc.sql("INSERT INTO listing (organization_id, product_id, title, state, fulfillment_url, synced_at)"
              + " VALUES (?, ?, ?, 'Active', ?, now())")
          .params(tenant.organizationId(), l[0], l[1], l[2]).update();
    }
    Http console = new Http(port);
    console.signIn(tenant.adminEmail(), TestTenants.PASSWORD);
    String page = console.get("/dashboard").body();
    assertThat(page).contains("data-step=\"listings\" data-done=\"true\"").contains("4 listings synced.")
        .contains("data-step=\"fulfillment\" data-done=\"false\"").contains("Not set for: Delta, Gamma.")
        .contains("data-step=\"team\" data-done=\"false\"").contains("You are the only member.")
        .contains("data-step=\"webhooks\" data-done=\"false\"")
        .contains("/marketplace/register/" + slug);
  }

  @Test
  void no_figure_comes_from_another_organization() {
    JsonNode ours = api.get("/api/v1/dashboard?" + Q1 + "&owner=" + ALICE).json();
    assertThat(ours.toString()).doesNotContain("50000");
    JsonNode theirs = other.get("/api/v1/dashboard?" + Q1).json();
    assertThat(lines(theirs.at("/pipeline/items"), "stage", "count", "contractValue"))
        .containsExactly("ACCEPTED 1 50000.00");
    assertThat(lines(theirs.at("/bookings/items"), "month", "kind", "contractValue"))
        .containsExactly("2024-02 NEW 50000.00");
    JsonNode theirNow = other.get("/api/v1/dashboard").json();
    assertThat(lines(theirNow.at("/attention/items"), "kind", "count")).contains("ORDERS_AWAITING_REGISTRATION 1",
        "OFFERS_EXPIRING 0", "PUBLISH_FAILURES 0");
    assertThat(theirNow.at("/renewalsDue/count").asLong()).isEqualTo(1);
    assertThat(lines(theirNow.at("/renewalsDue/contractValue"), "amount")).containsExactly("50000.00");
  }

  @Test
  void the_api_refuses_what_is_not_a_period() {
    for (String query : List.of("from=2024-01-01", "from=2024-03-01&to=2024-02-01", "from=yesterday&to=2024-01-01",
        "period=decade", "from=2000-01-01&to=2024-01-01")) {
      Http.Response refused = api.get("/api/v1/dashboard?" + query);
      assertThat(refused.status()).as(query).isEqualTo(400);
      assertThat(refused.header("Content-Type")).contains("application/problem+json");
      assertThat(refused.json().at("/errors/0/field").asText()).as(query).isIn("from", "to", "period");
    }
    JsonNode year = api.get("/api/v1/dashboard?period=year").json();
    assertThat(year.at("/period/from").asText()).endsWith("-01-01");
    assertThat(year.at("/period/to").asText()).endsWith("-12-31");
    assertThat(new Http(port).get("/api/v1/dashboard").status()).isEqualTo(401);
  }

  /** How many rows a list answers, following its pages. */
  long rows(String path) {
    long n = 0;
    String cursor = null;
    do {
      JsonNode page = api.get(path + (path.contains("?") ? "&" : "?") + "limit=100"
          + (cursor == null ? "" : "&cursor=" + cursor)).json();
      n += page.at("/items").size();
      cursor = page.at("/nextCursor").isTextual() ? page.at("/nextCursor").asText() : null;
    } while (cursor != null);
    return n;
  }

  static List<String> lines(JsonNode items, String... fields) {
    List<String> lines = new ArrayList<>();
    for (JsonNode item : items) {
      List<String> values = new ArrayList<>();
      for (String f : fields) {
        values.add(item.at("/" + f).asText());
      }
      lines.add(String.join(" ", values));
    }
    return lines;
  }

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  static Instant noon(LocalDate day) {
    return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
  }
}
