package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.EmbeddedSandboxEndpoint;
import org.offerdesk.app.orders.PartnerAndAmendmentOrdersTest;
import org.offerdesk.app.support.ConnectedSeller;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.MarketplacePortal;
import org.offerdesk.app.support.OwnContext;
import org.offerdesk.app.support.SandboxTest;
import org.offerdesk.app.support.SecondInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;

/**
 * The queue under real conditions: events duplicated and reordered, an event that keeps failing parked
 * and retried, an event that arrives before the order it changes waits for it, and two OfferDesk instances
 * on one database reading the same queue: each order and each email exactly once.
 */
@SandboxTest
// Properties of its own make a context of its own: it runs in the OwnContextLane, beside the shared one.
@OwnContext
// AcceptanceByEventTest has the same properties, so that the two share one context: change both or neither.
@TestPropertySource(properties = {"offerdesk.events.max-attempts=2", "offerdesk.orders.sweep-interval=PT1H",
    "offerdesk.offers.sweep-interval=PT1H", "offerdesk.events.wait-backoff-max=PT1S"})
class EventRobustnessTest {

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired EmbeddedSandboxEndpoint sandbox;
  @Autowired EventQueueConsumer consumer;
  @Autowired JdbcClient jdbc;
  @Autowired Environment environment;

  LocalDate today = LocalDate.now(ZoneOffset.UTC);

  @AfterEach
  void clearFaults() {
    new Http(sandbox.endpoint().toString()).delete("/sandbox/faults");
  }

  String acceptedOffer(ConnectedSeller seller, String buyer, String name) {
    return accept(publishedOffer(seller, buyer, name), buyer);
  }

  /** A private offer published and sent to the buyer; its marketplace ID. */
  String publishedOffer(ConnectedSeller seller, String buyer, String name) {
    String offerId = seller.api.postJson("/api/v1/offers", Map.of("type", "DIRECT", "productId", seller.productId,
        "name", name, "buyerAccountIds", List.of(buyer), "currency", "USD", "durationMonths", 12,
        "expiresOn", today.plusDays(30).toString(),
        "dimensions", List.of(Map.of("key", "Seats", "quantity", 3, "unitPrice", "100.00")))).json().at("/id").asText();
    seller.api.postJson("/api/v1/offers/" + offerId + "/publish", Map.of());
    return seller.awaitStage(offerId, "SENT").at("/marketplaceOfferId").asText();
  }

  /** The buyer accepts the offer in the sandbox; the agreement's ID. */
  String accept(String marketplaceId, String buyer) {
    Http.Response r = new Http(sandbox.endpoint().toString()).postJson("/sandbox/offers/" + marketplaceId + "/accept",
        Map.of("buyerAccountId", buyer));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().at("/agreementId").asText();
  }

  long orders(UUID org, String agreementId) {
    return jdbc.sql("SELECT count(*) FROM customer_order WHERE organization_id = ? AND agreement_id = ?")
        .params(org, agreementId).query(Long.class).single();
  }

  long newOrderEmails(UUID org, String agreementId) {
    return jdbc.sql("SELECT count(*) FROM email_outbox WHERE organization_id = ? AND subject LIKE 'New order%' "
            + "AND text LIKE ?")
        .params(org, "%" + agreementId + "%").query(Long.class).single();
  }

  /**
   * Waits until the organization's events are all handled and no event or email job is pending or running,
   * and it stays so for a few polls of the queue and of the job worker: a duplicate that would make a
   * second order or email has then had its chance. Asserting "exactly one" as soon as the first appears
   * could not fail. (Jobs due later, such as registration deadlines, are not part of this.)
   */
  private void awaitQuiet(UUID org) {
    await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
        .until(() -> jdbc.sql("""
            SELECT (SELECT count(*) FROM job WHERE organization_id = ? AND status IN ('PENDING', 'RUNNING')
                      AND kind IN ('marketplace.event', 'marketplace.events', 'email.deliver'))
                 + (SELECT count(*) FROM marketplace_event WHERE organization_id = ? AND handled_at IS NULL)""")
            .params(org, org).query(Long.class).single() == 0);
  }

  @Test
  void duplicated_and_reordered_events_make_one_order_and_one_email_each() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Duplicating Co");
    new Http(sandbox.endpoint().toString()).postJson("/sandbox/faults", Map.of("throttlingRate", 0.0,
        "failNextChangeSets", 0, "extraChangeSetDelayMillis", 0, "eventDuplicateRate", 1.0, "eventDelayMillis", 0,
        "reorderEvents", true));
    List<String> agreements = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      agreements.add(acceptedOffer(seller, seller.sandbox.buyer("Dup buyer " + i), "Dup " + i));
    }
    UUID org = seller.tenant.organizationId();
    await().atMost(Duration.ofSeconds(30)).until(() -> agreements.stream().allMatch(a -> orders(org, a) == 1));
    await().atMost(Duration.ofSeconds(30)).until(() -> agreements.stream().allMatch(a -> newOrderEmails(org, a) >= 1));
    awaitQuiet(org);
    for (String a : agreements) {
      assertThat(orders(org, a)).isEqualTo(1);
      assertThat(newOrderEmails(org, a)).isEqualTo(1);
    }
    // The queue really did deliver duplicates: more events were received than stored.
    long stored = jdbc.sql("SELECT count(*) FROM marketplace_event WHERE organization_id = ?").param(org)
        .query(Long.class).single();
    assertThat(stored).isGreaterThanOrEqualTo(3);
  }

  @Test
  void a_redelivered_message_is_stored_once() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Redelivery Co");
    String body = "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"Test Event\","
        + "\"source\":\"test\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":{}}";
    assertThat(consumer.store(seller.tenant.organizationId(), body)).isTrue();
    assertThat(consumer.store(seller.tenant.organizationId(), body)).isFalse();
  }

  @Test
  void an_event_that_keeps_failing_is_parked_readable_and_retried_once_the_cause_is_fixed() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Poisoned Co");
    String buyer = seller.sandbox.buyer("Poison buyer");
    String agreementId = acceptedOffer(seller, buyer, "Poison");
    UUID org = seller.tenant.organizationId();
    await().atMost(Duration.ofSeconds(30)).until(() -> orders(org, agreementId) == 1);

    // A second agreement whose event can't be handled while the connection's secret is wrong: accepted only once
    // the secret is wrong, so that its own event from the queue cannot make the order first.
    String secondBuyer = seller.sandbox.buyer("Poison buyer 2");
    String secondOffer = publishedOffer(seller, secondBuyer, "Poison 2");
    seller.api.putJson("/api/v1/marketplace/connection", Map.of("awsAccountId", seller.account.accountId(),
        "credentials", Map.of("accessKeyId", seller.account.accessKeyId(), "secretAccessKey", "wrong"),
        "endpointOverride", sandbox.endpoint().toString()));
    String second = accept(secondOffer, secondBuyer);
    String eventId = UUID.randomUUID().toString();
    consumer.store(org, "{\"version\":\"0\",\"id\":\"" + eventId + "\",\"detail-type\":\"Purchase Agreement Created"
        + " - Proposer\",\"source\":\"aws.agreement-marketplace\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":"
        + "{\"agreement\":{\"id\":\"" + second + "\",\"intent\":\"NEW\",\"status\":\"ACTIVE\"},"
        + "\"resaleAuthorization\":null}}");
    JsonNode[] parked = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode items = seller.api.get("/api/v1/jobs?status=PARKED").json().at("/items");
      for (JsonNode j : items) {
        if (j.at("/payload").asText().contains(eventId)) {
          parked[0] = j;
        }
      }
      return parked[0] != null;
    });
    assertThat(parked[0].at("/kind").asText()).isEqualTo("marketplace.event");
    assertThat(parked[0].at("/lastError").asText()).containsIgnoringCase("signature");
    assertThat(orders(org, second)).isZero();

    seller.connect(seller.account);
    assertThat(seller.api.postJson("/api/v1/jobs/" + parked[0].at("/id").asText() + "/retry", Map.of()).status())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> orders(org, second) == 1);
  }

  @Test
  void two_instances_on_one_database_make_each_order_and_email_once() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Twin Co");
    try (ConfigurableApplicationContext twin = SecondInstance.start(environment,
        "offerdesk.events.poll-interval=PT0.1S")) {
      List<String> agreements = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        agreements.add(acceptedOffer(seller, seller.sandbox.buyer("Twin buyer " + i), "Twin " + i));
      }
      UUID org = seller.tenant.organizationId();
      await().atMost(Duration.ofSeconds(30)).until(() -> agreements.stream().allMatch(a -> orders(org, a) == 1
          && newOrderEmails(org, a) >= 1));
      awaitQuiet(org);
      for (String a : agreements) {
        assertThat(orders(org, a)).isEqualTo(1);
        assertThat(newOrderEmails(org, a)).isEqualTo(1);
      }
      assertThat(twin.isActive()).isTrue();
    }
  }

  @Test
  void a_license_update_delivered_before_its_order_exists_waits_and_is_applied_once_the_order_appears() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Early License Co");
    // The marketplace's own events for this agreement are held back, so that nothing makes the order yet.
    new Http(sandbox.endpoint().toString()).postJson("/sandbox/faults", Map.of("throttlingRate", 0.0,
        "failNextChangeSets", 0, "extraChangeSetDelayMillis", 0, "eventDuplicateRate", 0.0,
        "eventDelayMillis", 600_000, "reorderEvents", false));
    String agreementId = acceptedOffer(seller, seller.sandbox.buyer("Early license buyer"), "Early license");
    UUID org = seller.tenant.organizationId();

    String licenseEvent = UUID.randomUUID().toString();
    assertThat(consumer.store(org, "{\"version\":\"0\",\"id\":\"" + licenseEvent + "\",\"detail-type\":"
        + "\"License Updated - Manufacturer\",\"source\":\"aws.agreement-marketplace\",\"time\":"
        + "\"2026-01-01T00:00:00Z\",\"detail\":{\"agreement\":{\"id\":\"" + agreementId + "\"}}}")).isTrue();
    // It is kept, waiting for the order, and tried again more than once (not dropped, not parked).
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
        SELECT count(*) FROM job WHERE organization_id = ? AND kind = 'marketplace.event' AND payload::text LIKE ?
          AND status = 'PENDING' AND last_error LIKE 'waiting: no order yet%' AND due_at > created_at + interval '1 second'""")
        .params(org, "%" + licenseEvent + "%").query(Long.class).single() == 1);
    assertThat(orders(org, agreementId)).isZero();
    Map<String, Object> waiting = jdbc.sql("SELECT handled_at, waiting_since, waiting_for FROM marketplace_event "
        + "WHERE organization_id = ? AND event_id = ?").params(org, licenseEvent).query().singleRow();
    assertThat(waiting.get("handled_at")).isNull();
    assertThat(waiting.get("waiting_since")).isNotNull();
    assertThat((String) waiting.get("waiting_for")).contains(agreementId);
    // The events page shows it as waiting, and for what.
    Http admin = new Http(port);
    admin.signIn(seller.tenant.adminEmail(), seller.tenant.adminPassword());
    String page = admin.get("/settings/marketplace-events").body();
    assertThat(page).contains("data-event-id=\"" + licenseEvent + "\" data-state=\"WAITING\"")
        .contains("no order yet for agreement " + agreementId);

    // The agreement's own event arrives at last: the order is made, then the waiting license update applies.
    consumer.store(org, "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"Purchase "
        + "Agreement Created - Proposer\",\"source\":\"aws.agreement-marketplace\",\"time\":\"2026-01-01T00:00:00Z\","
        + "\"detail\":{\"agreement\":{\"id\":\"" + agreementId + "\",\"intent\":\"NEW\",\"status\":\"ACTIVE\"},"
        + "\"resaleAuthorization\":null}}");
    await().atMost(Duration.ofSeconds(30)).until(() -> orders(org, agreementId) == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "SELECT handled_at IS NOT NULL FROM marketplace_event WHERE organization_id = ? AND event_id = ?")
        .params(org, licenseEvent).query(Boolean.class).single());
    Map<String, Object> applied = jdbc.sql("""
        SELECT e.handled_at, o.created_at, o.entitlements::text AS entitlements FROM marketplace_event e
          JOIN customer_order o ON o.organization_id = e.organization_id AND o.agreement_id = ?
        WHERE e.organization_id = ? AND e.event_id = ?""").params(agreementId, org, licenseEvent).query().singleRow();
    assertThat(((java.sql.Timestamp) applied.get("handled_at")).toInstant())
        .isAfterOrEqualTo(((java.sql.Timestamp) applied.get("created_at")).toInstant());
    assertThat((String) applied.get("entitlements")).contains("Seats");
    assertThat(orders(org, agreementId)).isEqualTo(1);
  }

  @Test
  void a_receive_is_handled_as_one_batch_and_an_event_that_must_wait_is_handed_a_job_of_its_own() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Batch Co");
    // The marketplace's own events are held back: this test delivers the receive it wants.
    new Http(sandbox.endpoint().toString()).postJson("/sandbox/faults", Map.of("throttlingRate", 0.0,
        "failNextChangeSets", 0, "extraChangeSetDelayMillis", 0, "eventDuplicateRate", 0.0,
        "eventDelayMillis", 600_000, "reorderEvents", false));
    String agreementId = acceptedOffer(seller, seller.sandbox.buyer("Batch buyer"), "Batch");
    UUID org = seller.tenant.organizationId();
    // An endpoint that receives new orders: an event of a type nobody receives is not kept (Webhooks.publishAll).
    try (org.offerdesk.app.support.WebhookReceiver receiver = new org.offerdesk.app.support.WebhookReceiver()) {
      assertThat(seller.api.postJson("/api/v1/webhooks", Map.of("url", receiver.url(),
          "events", List.of("order.created"))).status()).isEqualTo(201);
      receiveInOneBatch(seller, agreementId, org);
    }
  }

  private void receiveInOneBatch(ConnectedSeller seller, String agreementId, UUID org) {
    String unknown = "agmt-" + UUID.randomUUID().toString().replace("-", "").substring(0, 25);
    String early = UUID.randomUUID().toString();
    String created = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    // In receive order: a license of an agreement with no order (it must wait), a license of the agreement whose
    // Created comes after it in the same receive, the Created, and an event no capability handles.
    assertThat(consumer.storeAll(org, List.of(
        license(early, unknown),
        license(other, agreementId),
        "{\"version\":\"0\",\"id\":\"" + created + "\",\"detail-type\":\"Purchase Agreement Created - Proposer\","
            + "\"source\":\"aws.agreement-marketplace\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":{\"agreement\":"
            + "{\"id\":\"" + agreementId + "\",\"intent\":\"NEW\",\"status\":\"ACTIVE\"},\"resaleAuthorization\":null}}",
        "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"Test Event\",\"source\":"
            + "\"aws.marketplace\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":{}}"))).isEqualTo(4);
    // One batch job for the receive: the Created handled first, then the rest. (The product has a code, so the
    // Created's license, which reads the entitlements from the marketplace, goes on in a job of its own.)
    assertThat(jdbc.sql("SELECT count(*) FROM job WHERE organization_id = ? AND kind = 'marketplace.events'")
        .param(org).query(Long.class).single()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> orders(org, agreementId) == 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
        SELECT count(*) FROM marketplace_event WHERE organization_id = ? AND handled_at IS NOT NULL""")
        .param(org).query(Long.class).single() == 3);
    // The one that waits does so in a job of its own, as the events page shows it; the batch's others committed.
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
        SELECT count(*) FROM job WHERE organization_id = ? AND dedupe_key = ? AND status = 'PENDING'
          AND last_error LIKE 'waiting: no order yet%'""")
        .params(org, MarketplaceEventLog.key(org, early)).query(Long.class).single() == 1);
    // The batch job calls out, so it is marked done in a statement of its own after its work commits: awaited, as a
    // loaded machine can run the checks above in between (seen at load 50: "RUNNING").
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
        "SELECT status FROM job WHERE organization_id = ? AND kind = 'marketplace.events'")
        .param(org).query(String.class).single()).isEqualTo("DONE"));
    Http admin = new Http(port);
    admin.signIn(seller.tenant.adminEmail(), seller.tenant.adminPassword());
    assertThat(admin.get("/settings/marketplace-events").body())
        .contains("data-event-id=\"" + early + "\" data-state=\"WAITING\"")
        .contains("data-event-id=\"" + created + "\" data-state=\"HANDLED\"")
        .contains("data-event-id=\"" + other + "\" data-state=\"HANDLED\"");
    assertThat(orders(org, agreementId)).isEqualTo(1);
    assertThat(jdbc.sql("SELECT count(*) FROM customer_order WHERE organization_id = ?").param(org).query(Long.class)
        .single()).isEqualTo(1);

    // The same batch run again (as after a crash between its commit and its job's finish): it reads only the events
    // not handled yet, so the order, its notice and its webhook stay one each.
    String payload = jdbc.sql("SELECT payload::text FROM job WHERE organization_id = ? AND kind = 'marketplace.events'")
        .param(org).query(String.class).single();
    jdbc.sql("""
        INSERT INTO job (id, kind, organization_id, payload, dedupe_key, due_at, status, max_attempts, created_at)
        VALUES (gen_random_uuid(), 'marketplace.events', ?, CAST(? AS jsonb), ?, now() - interval '1 day', 'PENDING', 10, now())""")
        .params(org, payload, "again:" + UUID.randomUUID()).update();
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
        SELECT count(*) FROM job WHERE organization_id = ? AND kind = 'marketplace.events' AND status = 'DONE'""")
        .param(org).query(Long.class).single() == 2);
    assertThat(orders(org, agreementId)).isEqualTo(1);
    assertThat(jdbc.sql("SELECT count(*) FROM team_notice WHERE organization_id = ? AND type = 'NEW_ORDER'")
        .param(org).query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("SELECT count(*) FROM webhook_event WHERE organization_id = ? AND type = 'order.created'")
        .param(org).query(Long.class).single()).isEqualTo(1);
  }

  private static String license(String eventId, String agreementId) {
    return "{\"version\":\"0\",\"id\":\"" + eventId + "\",\"detail-type\":\"License Updated - Manufacturer\","
        + "\"source\":\"aws.agreement-marketplace\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":{\"agreement\":"
        + "{\"id\":\"" + agreementId + "\"}}}";
  }

  @Test
  void an_amendment_handled_before_the_agreement_it_replaces_ends_links_and_replaces_it_once_either_way() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Early Amendment Co");
    String buyer = seller.sandbox.buyer("Early amendment buyer");
    String originalOffer = publishedOffer(seller, buyer, "Before the amendment");
    // The marketplace's own events are held back from here: this test delivers them, in the order it wants.
    new Http(sandbox.endpoint().toString()).postJson("/sandbox/faults", Map.of("throttlingRate", 0.0,
        "failNextChangeSets", 0, "extraChangeSetDelayMillis", 0, "eventDuplicateRate", 0.0,
        "eventDelayMillis", 600_000, "reorderEvents", false));
    String original = accept(originalOffer, buyer);
    // The seller replaces the agreement on the marketplace itself (not through OfferDesk), and the buyer accepts.
    String replacementOffer = replacementOfferOn(seller, original);
    String amendment = accept(replacementOffer, buyer);
    UUID org = seller.tenant.organizationId();

    // The amendment's event is handled first: its order exists, the agreement it replaces has none yet.
    String amendedEvent = agreementEvent("Purchase Agreement Amended - Proposer", amendment, original,
        replacementOffer);
    String createdEvent = agreementEvent("Purchase Agreement Created - Proposer", original, null, originalOffer);
    assertThat(consumer.store(org, amendedEvent)).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> orders(org, amendment) == 1);
    awaitQuiet(org);
    assertThat(orders(org, original)).isZero();
    // Then the Created of the agreement it replaced.
    assertThat(consumer.store(org, createdEvent)).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> orders(org, original) == 1);
    awaitQuiet(org);
    Map<String, Object> effects = replacementEffects(org, original, amendment, originalOffer);
    assertThat(effects).containsEntry("old_status", "ENDED").containsEntry("linked", true)
        .containsEntry("offer_stage", "REPLACED").containsEntry("replaced_history", 1L)
        .containsEntry("amends_history", 1L).containsEntry("offer_replaced_history", 1L)
        .containsEntry("notices", 1L).containsEntry("webhooks", 2L);

    // Both delivered again (new message IDs, so the inbox does not drop them): nothing changes.
    assertThat(consumer.store(org, agreementEvent("Purchase Agreement Created - Proposer", original, null,
        originalOffer))).isTrue();
    assertThat(consumer.store(org, agreementEvent("Purchase Agreement Amended - Proposer", amendment, original,
        replacementOffer))).isTrue();
    awaitQuiet(org);
    assertThat(replacementEffects(org, original, amendment, originalOffer)).isEqualTo(effects);
  }

  /** A replacement offer of the agreement made on the marketplace itself (not through OfferDesk); its ID. */
  private String replacementOfferOn(ConnectedSeller seller, String original) {
    String ref = "$R.Entity.Identifier";
    DescribeChangeSetResponse made = PartnerAndAmendmentOrdersTest.run(seller.catalog(),
        PartnerAndAmendmentOrdersTest.change("CreateReplacementOffer", "Offer@1.0", null, "R",
            "{\"AgreementId\":\"" + original + "\",\"Name\":\"After the amendment\"}"),
        PartnerAndAmendmentOrdersTest.change("UpdatePricingTerms", "Offer@1.0", ref, null, "{\"PricingModel\":"
            + "\"Contract\",\"Terms\":[{\"Type\":\"FixedUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"Price\":"
            + "\"500.00\",\"Duration\":\"P12M\",\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":5}]}]}"),
        PartnerAndAmendmentOrdersTest.change("UpdateValidityTerms", "Offer@1.0", ref, null, "{\"Terms\":[{\"Type\":"
            + "\"ValidityTerm\",\"AgreementEndDate\":\"" + today.plusMonths(12) + "\"}]}"),
        PartnerAndAmendmentOrdersTest.change("UpdateLegalTerms", "Offer@1.0", ref, null, "{\"Terms\":[{\"Type\":"
            + "\"LegalTerm\",\"Documents\":[{\"Type\":\"StandardEula\",\"Version\":\"2022-07-14\"}]}]}"),
        PartnerAndAmendmentOrdersTest.change("UpdateAvailability", "Offer@1.0", ref, null,
            "{\"AvailabilityEndDate\":\"" + today.plusDays(30) + "\"}"),
        PartnerAndAmendmentOrdersTest.change("ReleaseOffer", "Offer@1.0", ref, null, "{}"));
    return made.changeSet().get(0).entity().identifier().split("@")[0];
  }

  @Test
  void an_outside_offer_associated_after_an_amendment_replaced_its_agreement_is_replaced_once() {
    ConnectedSeller seller = new ConnectedSeller(context, port, sandbox.endpoint(), "Late Association Co");
    String buyer = seller.sandbox.buyer("Late association buyer");
    // The marketplace's own events are held back from here: this test delivers them, in the order it wants.
    new Http(sandbox.endpoint().toString()).postJson("/sandbox/faults", Map.of("throttlingRate", 0.0,
        "failNextChangeSets", 0, "extraChangeSetDelayMillis", 0, "eventDuplicateRate", 0.0,
        "eventDelayMillis", 600_000, "reorderEvents", false));
    String outsideOffer = MarketplacePortal.releasePrivateOffer(seller, "Made in the portal", buyer, today);
    String original = accept(outsideOffer, buyer);
    String replacementOffer = replacementOfferOn(seller, original);
    String amendment = accept(replacementOffer, buyer);
    UUID org = seller.tenant.organizationId();
    // The amendment is handled while OfferDesk does not know the offer it replaces: only remembered.
    assertThat(consumer.store(org, agreementEvent("Purchase Agreement Amended - Proposer", amendment, original,
        replacementOffer))).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> orders(org, amendment) == 1);
    awaitQuiet(org);
    assertThat(jdbc.sql("SELECT count(*) FROM offer_agreement_replaced WHERE organization_id = ? AND agreement_id = ?")
        .params(org, original).query(Long.class).single()).isEqualTo(1);

    // Then the seller associates the offer made outside OfferDesk: it is replaced, not merely accepted.
    Http.Response associated = seller.api.postJson("/api/v1/offers/associate",
        Map.of("marketplaceOfferId", outsideOffer));
    assertThat(associated.status()).as(associated.body()).isEqualTo(201);
    assertThat(associated.json().at("/stage").asText()).isEqualTo("REPLACED");
    assertThat(offerReplacedHistory(org, outsideOffer)).isEqualTo(1);

    // The Created of the replaced agreement, handled later, changes the offer no more.
    assertThat(consumer.store(org, agreementEvent("Purchase Agreement Created - Proposer", original, null,
        outsideOffer))).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() -> orders(org, original) == 1);
    awaitQuiet(org);
    assertThat(jdbc.sql("SELECT stage FROM offer WHERE organization_id = ? AND marketplace_offer_id = ?")
        .params(org, outsideOffer).query(String.class).single()).isEqualTo("REPLACED");
    assertThat(offerReplacedHistory(org, outsideOffer)).isEqualTo(1);
  }

  private long offerReplacedHistory(UUID org, String marketplaceOfferId) {
    return jdbc.sql("""
        SELECT count(*) FROM offer_event h JOIN offer f ON f.id = h.offer_id
        WHERE f.organization_id = ? AND f.marketplace_offer_id = ? AND h.cause = 'replaced by an amendment'""")
        .params(org, marketplaceOfferId).query(Long.class).single();
  }

  /** A marketplace agreement event as the sandbox sends it, with a new event ID. */
  private static String agreementEvent(String detailType, String agreementId, String previous, String offerId) {
    return "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"" + detailType + "\","
        + "\"source\":\"aws.agreement-marketplace\",\"time\":\"2026-01-01T00:00:00Z\",\"detail\":{\"agreement\":"
        + "{\"id\":\"" + agreementId + "\",\"intent\":\"" + (previous == null ? "NEW" : "REPLACE") + "\",\"status\":"
        + "\"ACTIVE\"" + (previous == null ? "" : ",\"previousAgreementId\":\"" + previous + "\"") + "},"
        + "\"resaleAuthorization\":null,\"offer\":{\"id\":\"" + offerId + "\"}}}";
  }

  /** What a replacement changes, counted: the two orders, their history, the old offer, notices and webhooks. */
  private Map<String, Object> replacementEffects(UUID org, String original, String amendment, String originalOffer) {
    return jdbc.sql("""
        SELECT old.status AS old_status, old.version AS old_version, new.version AS new_version,
               (old.replaced_by_order_id = new.id AND new.replaces_order_id = old.id) AS linked,
               (SELECT stage FROM offer WHERE organization_id = old.organization_id AND marketplace_offer_id = ?)
                 AS offer_stage,
               (SELECT count(*) FROM offer_event h JOIN offer f ON f.id = h.offer_id
                 WHERE f.organization_id = old.organization_id AND f.marketplace_offer_id = ?
                   AND h.cause = 'replaced by an amendment') AS offer_replaced_history,
               (SELECT count(*) FROM order_event WHERE order_id = old.id AND cause = 'replaced by an amendment')
                 AS replaced_history,
               (SELECT count(*) FROM order_event WHERE order_id = new.id AND cause = 'amends an earlier order')
                 AS amends_history,
               (SELECT count(*) FROM team_notice WHERE organization_id = old.organization_id
                 AND dedupe_key = 'order-amended:' || new.id) AS notices,
               (SELECT count(*) FROM webhook_event WHERE organization_id = old.organization_id
                 AND event_id IN ('order.amended:' || new.id, 'order.ended:' || old.id)) AS webhooks
        FROM customer_order old JOIN customer_order new ON new.organization_id = old.organization_id
        WHERE old.organization_id = ? AND old.agreement_id = ? AND new.agreement_id = ?""")
        .params(originalOffer, originalOffer, org, original, amendment).query().singleRow();
  }
}
