package org.offerdesk.app.orders.renewals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.SandboxClockTest;
import org.offerdesk.app.support.SecondInstance;
import org.offerdesk.app.support.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Renewals and expiries as the sandbox clock moves forward (only forward, and only relative to now), with two
 * OfferDesk instances on one database that both follow that clock: the team hears 90, 60 and 30 days before an
 * agreement ends, each once, whichever instance runs the sweep and across a restart of an instance's job
 * worker; the end passes without a renewal and the renewal LAPSES; an open offer warns 7 days and 1 day before
 * it expires, once each, and once expired is cloned with new dates in one click.
 */
@SandboxClockTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenewalsOverTimeTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired Clock clock;
  @Autowired Environment environment;
  @Autowired JdbcClient jdbc;

  ConfigurableApplicationContext twin;

  @BeforeAll
  void startTheSecondInstance() {
    twin = SecondInstance.start(environment, "offerdesk.sandbox.clock-url=" + sandbox.endpoint(),
        "offerdesk.sandbox.clock-refresh=PT0.2S", "offerdesk.renewals.sweep-interval=PT1S");
  }

  @AfterAll
  void stopTheSecondInstance() {
    if (twin != null) {
      twin.close();
    }
  }

  @Test
  void the_team_hears_at_90_60_and_30_days_once_each_across_two_instances_and_an_unrenewed_end_lapses() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Ending Co");
    WebhookReceiver hooks = new WebhookReceiver();
    Http.Response endpoint = seller.api.postJson("/api/v1/webhooks", Map.of("url", hooks.url(),
        "events", List.of("agreement.ending", "agreement.ended")));
    assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
    hooks.secret(endpoint.json().at("/secret").asText());
    // A sales rep who wants these in the console only.
    String rep = new TestTenants(context).user(seller.tenant, Role.SALES);
    Http repConsole = new Http(port);
    assertThat(repConsole.signIn(rep, TestTenants.PASSWORD).status()).isEqualTo(302);
    assertThat(repConsole.postForm("/settings/notifications", Map.of("types", "AGREEMENT_ENDING",
        "AGREEMENT_ENDING.console", "on"), repConsole.csrfFrom("/settings/notifications")).status()).isEqualTo(302);

    String buyer = seller.sandbox.buyer("Quiet Buyer");
    JsonNode order = RenewalDeals.acceptedOrder(seller, clock, buyer, "Quiet 2027", 4);
    String orderId = order.at("/id").asText();
    Instant endsAt = Instant.parse(order.at("/endsAt").asText());
    RenewalDeals.awaitRenewal(seller, orderId, "UPCOMING");
    String sweep = "orders.renewal-sweep:" + seller.tenant.organizationId();
    sweptAfter(sweep, clock.instant());
    assertThat(endingEmails(seller, buyer)).isEmpty();

    Lifecycle here = context.getBean("jobWorker", Lifecycle.class);
    Lifecycle there = twin.getBean("jobWorker", Lifecycle.class);

    // 90 days before: this instance alone runs jobs; the other's worker restarts afterwards.
    there.stop();
    try {
      moveTo(endsAt.minus(Duration.ofDays(90)).plus(Duration.ofHours(1)));
      await().atMost(Duration.ofSeconds(30)).until(() -> endingEmails(seller, buyer).size() == 1);
      sweptAfter(sweep, clock.instant());
    } finally {
      there.start();
    }
    // 60 days before: only the second instance runs jobs.
    here.stop();
    try {
      moveTo(endsAt.minus(Duration.ofDays(60)).plus(Duration.ofHours(1)));
      await().atMost(Duration.ofSeconds(30)).until(() -> endingEmails(seller, buyer).size() == 2);
      sweptAfter(sweep, clock.instant());
    } finally {
      here.start();
    }
    // 30 days before: both.
    moveTo(endsAt.minus(Duration.ofDays(30)).plus(Duration.ofHours(1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> endingEmails(seller, buyer).size() == 3);
    Instant after30 = clock.instant();
    sweptAfter(sweep, after30);
    sweptAfter(sweep, clock.instant());

    assertThat(endingEmails(seller, buyer)).containsExactlyInAnyOrder(
        "Agreement ending: " + buyer + ": agreement ends " + day(endsAt) + " (in 90 days)",
        "Agreement ending: " + buyer + ": agreement ends " + day(endsAt) + " (in 60 days)",
        "Agreement ending: " + buyer + ": agreement ends " + day(endsAt) + " (in 30 days)");
    assertThat(repConsole.get("/api/v1/notifications?limit=100").json().at("/items").findValuesAsText("title"))
        .filteredOn(t -> t.startsWith(buyer)).hasSize(3);
    await().atMost(Duration.ofSeconds(20)).until(() -> hooks.ofType("agreement.ending").size() >= 3);
    assertThat(hooks.ofType("agreement.ending")).hasSize(3).allMatch(WebhookReceiver.Received::signatureValid)
        .extracting(r -> r.event().at("/data/daysLeft").asInt()).containsExactlyInAnyOrder(90, 60, 30);
    assertThat(seller.api.get("/api/v1/orders/" + orderId).json().at("/timeline").findValuesAsText("cause"))
        .filteredOn("renewal alert"::equals).hasSize(3);
    assertThat(seller.api.get("/api/v1/renewals/" + orderId).json().at("/status").asText()).isEqualTo("UPCOMING");

    // The end passes without a renewal.
    moveTo(endsAt.plus(Duration.ofHours(1)));
    RenewalDeals.awaitRenewal(seller, orderId, "LAPSED");
    sweptAfter(sweep, clock.instant());
    await().atMost(Duration.ofSeconds(20)).until(() -> hooks.ofType("agreement.ended").size() >= 1);
    sweptAfter(sweep, clock.instant());
    assertThat(hooks.ofType("agreement.ended")).singleElement()
        .satisfies(r -> assertThat(r.event().at("/data/renewalStatus").asText()).isEqualTo("LAPSED"));
    assertThat(seller.api.get("/api/v1/orders/" + orderId).json().at("/timeline").findValuesAsText("cause"))
        .containsOnlyOnce("renewal lapsed");
    assertThat(endingEmails(seller, buyer)).hasSize(3);
    assertThat(seller.api.get("/api/v1/renewals?status=LAPSED").json().at("/items").findValuesAsText("orderId"))
        .contains(orderId);
    hooks.close();
  }

  @Test
  void an_open_offer_warns_a_week_and_a_day_before_it_expires_and_once_expired_is_cloned_with_new_dates() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Expiring Co");
    String buyer = seller.sandbox.buyer("Undecided Buyer");
    String offerId = RenewalDeals.sentOffer(seller, clock, buyer, "Undecided 2027", 12, 10);
    LocalDate expiresOn = LocalDate.parse(seller.api.get("/api/v1/offers/" + offerId).json().at("/expiresOn").asText());
    assertThat(expiringEmails(seller)).isEmpty();

    moveTo(expiresOn.minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> expiringEmails(seller).size() == 1);
    assertThat(expiringEmails(seller)).singleElement().asString().endsWith("(in 7 days)");

    moveTo(expiresOn.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> expiringEmails(seller).size() == 2);
    assertThat(expiringEmails(seller)).anyMatch(s -> s.endsWith("(in 7 days)")).anyMatch(s -> s.endsWith("(tomorrow)"));
    assertThat(seller.api.get("/api/v1/offers/" + offerId).json().at("/stage").asText()).isEqualTo("SENT");
    assertThat(seller.api.postJson("/api/v1/offers/" + offerId + "/clone-with-new-dates", Map.of()).status())
        .isEqualTo(409);

    moveTo(expiresOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(1)));
    JsonNode expired = seller.awaitStage(offerId, "EXPIRED");
    assertThat(expired.at("/actions").toString()).contains("clone-with-new-dates");
    assertThat(expiringEmails(seller)).hasSize(2);

    Http.Response cloned = seller.api.postJson("/api/v1/offers/" + offerId + "/clone-with-new-dates", Map.of());
    assertThat(cloned.status()).as(cloned.body()).isEqualTo(201);
    JsonNode copy = cloned.json();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    assertThat(copy.at("/stage").asText()).isEqualTo("DRAFT");
    assertThat(copy.at("/name").asText()).isEqualTo("Undecided 2027");
    assertThat(copy.at("/clonedFrom").asText()).isEqualTo(offerId);
    assertThat(copy.at("/buyerAccountIds/0").asText()).isEqualTo(buyer);
    assertThat(copy.at("/durationMonths").asInt()).isEqualTo(12);
    assertThat(copy.at("/contractTotal").asText()).isEqualTo("500.00");
    // The same ten days to accept, counted from today.
    assertThat(LocalDate.parse(copy.at("/expiresOn").asText())).isEqualTo(today.plusDays(10));
    RenewalDeals.publish(seller, copy.at("/id").asText());
  }

  /** Moves the sandbox clock (and so both instances' business clocks) forward to {@code target}. */
  void moveTo(Instant target) {
    Duration by = Duration.between(clock.instant(), target).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    assertThat(by.isNegative()).as("the clock only moves forward").isFalse();
    Http.Response moved = new Http(sandbox.endpoint().toString()).postJson("/sandbox/clock/advance",
        Map.of("duration", by.toString()));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> !twin.getBean(Clock.class).instant().isBefore(target));
  }

  /** Waits until a run of the organization's renewal sweep has finished after {@code since} (business time). */
  void sweptAfter(String sweepKey, Instant since) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.sql(
            "SELECT finished_at FROM job WHERE dedupe_key = ?").param(sweepKey).query(java.sql.Timestamp.class)
        .optional().map(t -> t.toInstant().isAfter(since)).orElse(false));
  }

  /** The subjects of the "Agreement ending" emails about this buyer, oldest first. */
  static List<String> endingEmails(ConnectedSeller seller, String buyer) {
    return subjects(seller).stream().filter(s -> s.startsWith("Agreement ending: " + buyer)).toList();
  }

  static List<String> expiringEmails(ConnectedSeller seller) {
    return subjects(seller).stream().filter(s -> s.startsWith("Offer expiring: Undecided 2027")).toList();
  }

  /** Every email subject in the organization's outbox (newest first in the API), oldest first. */
  static List<String> subjects(ConnectedSeller seller) {
    List<String> all = new java.util.ArrayList<>(seller.api.get("/api/v1/outbox?limit=200").json().at("/items")
        .findValuesAsText("subject"));
    java.util.Collections.reverse(all);
    return all;
  }

  static String day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
  }
}
