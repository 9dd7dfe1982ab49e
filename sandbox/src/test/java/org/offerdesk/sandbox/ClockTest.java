package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.offerdesk.sandbox.Marketplace.forAgreement;
import static org.offerdesk.sandbox.SandboxFixture.SELLER_KEY;
import static org.offerdesk.sandbox.SandboxFixture.SELLER_SECRET;
import static org.offerdesk.sandbox.SandboxFixture.change;
import static org.offerdesk.sandbox.SandboxFixture.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.Change;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacemetering.model.ExpiredTokenException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Moving the sandbox clock: agreements end at their end time with their events, tokens and offers expire,
 * received messages come back after their visibility timeout, and all of it survives a restart. This
 * class moves time, so it runs on a sandbox of its own rather than the shared one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClockTest {

  static DatabaseUrl db;
  static SandboxServer server;
  static MarketplaceCatalogClient seller;

  @BeforeAll
  static void start() {
    db = TestPostgres.newDatabase("sandbox_clock");
    server = startServer();
    seller = Marketplace.catalog(server.endpoint(), SELLER_KEY, SELLER_SECRET);
  }

  private static SandboxServer startServer() {
    return SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(), db.password(),
        List.of("--offerdesk.sandbox.change-set.delay=100ms", "--offerdesk.sandbox.change-set.recheck-interval=60s",
            "--offerdesk.sandbox.sqs.recheck-interval=60s")));
  }

  @AfterAll
  static void stop() {
    seller.close();
    server.close();
  }

  private static URI sandbox() {
    return server.endpoint();
  }

  private static JsonNode advance(String duration) {
    return SandboxFixture.send(sandbox(), "POST", "/sandbox/clock/advance", Map.of("duration", duration), 200);
  }

  /** A date this many days after the sandbox's today, for terms published on a clock that has moved. */
  private static String inSandboxDays(int days) {
    return LocalDate.ofInstant(server.clock().instant(), ZoneOffset.UTC).plusDays(days).toString();
  }

  private static String buyer() {
    return SandboxFixture.send(sandbox(), "POST", "/sandbox/accounts", Map.of("name", "Buyer " + System.nanoTime(), "kind", "BUYER"), 201)
        .get("accountId").asText();
  }

  /** A released private offer on the demo product (25 seats for P12M), then available for {@code availableDays}. */
  private static String privateOffer(String buyer, int availableDays) {
    DescribeChangeSetResponse done = run(seller,
        PrivateOfferTest.fullPrivateOffer("prod-sbxlimited001", buyer, ClockTest::inSandboxDays).toArray(Change[]::new));
    assertThat(done.status()).as("%s", done.changeSet()).isEqualTo(ChangeStatus.SUCCEEDED);
    String offerId = done.changeSet().get(0).entity().identifier();
    assertThat(run(seller, change("UpdateAvailability", "Offer@1.0", offerId,
        "{\"AvailabilityEndDate\":\"" + inSandboxDays(availableDays) + "\"}")).status()).isEqualTo(ChangeStatus.SUCCEEDED);
    return offerId;
  }

  @Test
  @Order(1)
  void tokensExpireAfterTheirLifetimeAndOffersAfterTheirAvailabilityDate() {
    String buyer = buyer();
    String offerId = privateOffer(buyer, 30);
    String laterOffer = privateOffer(buyer, 2);
    Marketplace.Purchase purchase = Marketplace.accept(sandbox(), offerId, buyer);
    try (var metering = Marketplace.metering(sandbox(), SELLER_KEY, SELLER_SECRET)) {
      assertThat(metering.resolveCustomer(r -> r.registrationToken(purchase.token())).customerAWSAccountId()).isEqualTo(buyer);
      advance("PT4H1M");
      assertThatThrownBy(() -> metering.resolveCustomer(r -> r.registrationToken(purchase.token())))
          .isInstanceOf(ExpiredTokenException.class);
    }
    advance("P3D");
    JsonNode refused = SandboxFixture.send(sandbox(), "POST", "/sandbox/offers/" + laterOffer + "/accept",
        Map.of("buyerAccountId", buyer), 410);
    assertThat(refused.path("code").asText()).isEqualTo("OFFER_EXPIRED");
  }

  @Test
  @Order(2)
  void anAgreementExpiresAtItsEndTimeWithItsEndedEvents() {
    String buyer = buyer();
    Instant before = server.clock().instant();
    Marketplace.Purchase purchase = Marketplace.accept(sandbox(), privateOffer(buyer, 30), buyer);
    try (var agreements = Marketplace.agreements(sandbox(), SELLER_KEY, SELLER_SECRET);
        var sqs = Marketplace.sqs(sandbox(), SELLER_KEY, SELLER_SECRET)) {
      Marketplace.Inbox inbox = new Marketplace.Inbox(sqs);
      inbox.awaitEvent("Purchase Agreement Created - Proposer", forAgreement(purchase.agreementId()));
      Instant end = agreements.describeAgreement(r -> r.agreementId(purchase.agreementId())).endTime();

      JsonNode clock = advance("P366D");
      assertThat(Instant.parse(clock.get("now").asText())).isAfter(end);
      assertThat(clock.get("offset").asText()).startsWith("PT");
      assertThat(Duration.between(before, server.clock().instant())).isGreaterThan(Duration.ofDays(366));

      // the advance has already ended the agreement when it answers
      assertThat(agreements.describeAgreement(r -> r.agreementId(purchase.agreementId())).statusAsString()).isEqualTo("EXPIRED");
      assertThat(agreements.searchAgreements(r -> r.catalog("AWSMarketplace").filters(
              f -> f.name("PartyType").values("Proposer"), f -> f.name("AgreementType").values("PurchaseAgreement"),
              f -> f.name("Status").values("EXPIRED"), f -> f.name("AcceptorAccountId").values(buyer)))
          .agreementViewSummaries()).hasSize(1);
      JsonNode ended = inbox.awaitEvent("Purchase Agreement Ended - Proposer", forAgreement(purchase.agreementId()));
      assertThat(ended.path("detail").path("agreement").path("status").asText()).isEqualTo("EXPIRED");
      assertThat(ended.path("time").asText()).isEqualTo(end.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
      inbox.awaitEvent("License Deprovisioned - Manufacturer",
          e -> e.path("detail").path("agreement").path("id").asText().equals(purchase.agreementId()));
    }
    try (var entitlements = Marketplace.entitlements(sandbox(), SELLER_KEY, SELLER_SECRET)) {
      assertThat(entitlements.getEntitlements(r -> r.productCode("sbxlimited0000000000000001")
          .filterWithStrings(Map.of("CUSTOMER_AWS_ACCOUNT_ID", List.of(buyer)))).entitlements()).isEmpty();
    }
  }

  @Test
  @Order(3)
  void aMessageNotDeletedComesBackAfterItsVisibilityTimeout() {
    try (SqsClient sqs = Marketplace.sqs(sandbox(), SELLER_KEY, SELLER_SECRET)) {
      String url = sqs.getQueueUrl(r -> r.queueName("aws-marketplace-events")).queueUrl();
      sqs.purgeQueue(r -> r.queueUrl(url));
      sqs.sendMessage(r -> r.queueUrl(url).messageBody("{\"hello\":\"clock\"}"));
      Message first = sqs.receiveMessage(r -> r.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
          .messages().get(0);
      assertThat(first.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("1");
      assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).isEmpty();

      advance("PT31S");
      Message again = sqs.receiveMessage(r -> r.queueUrl(url).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
          .messages().get(0);
      assertThat(again.messageId()).isEqualTo(first.messageId());
      assertThat(again.receiptHandle()).isNotEqualTo(first.receiptHandle());
      assertThat(again.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2");
    }
  }

  @Test
  @Order(4)
  void aRestartedSandboxKeepsItsTimeAndItsQueues() {
    Instant before = server.clock().instant();
    seller.close();
    server.close();
    server = startServer();
    seller = Marketplace.catalog(server.endpoint(), SELLER_KEY, SELLER_SECRET);
    assertThat(server.clock().instant()).isAfter(before);
    assertThat(Duration.between(Instant.now(), server.clock().instant())).isGreaterThan(Duration.ofDays(366));
    try (SqsClient sqs = Marketplace.sqs(sandbox(), SELLER_KEY, SELLER_SECRET)) {
      String url = sqs.getQueueUrl(r -> r.queueName("aws-marketplace-events")).queueUrl();
      assertThat(url).isEqualTo(sandbox() + "/111122223333/aws-marketplace-events");
      advance("PT31S");
      assertThat(sqs.receiveMessage(r -> r.queueUrl(url)).messages()).extracting(Message::body)
          .containsExactly("{\"hello\":\"clock\"}");
    }
  }

  /**
   * The change-set worker sleeps until the next step is due by the sandbox clock; a move of the clock past it
   * wakes the worker at once, not at its next re-check (a minute here).
   */
  @Test
  @Order(5)
  void aMoveOfTheClockWakesTheChangeSetWorker() {
    SandboxFixture.send(sandbox(), "POST", "/sandbox/faults", Map.of("extraChangeSetDelayMillis", 3_600_000), 200, 201);
    String id = seller.startChangeSet(r -> r.catalog(SandboxFixture.CATALOG).changeSet(
        change("CreateOffer", "Offer@1.0", null, "{\"ProductId\":\"prod-sbxlimited001\"}"))).changeSetId();
    SandboxFixture.send(sandbox(), "DELETE", "/sandbox/faults", null, 200);
    assertThat(seller.describeChangeSet(r -> r.catalog(SandboxFixture.CATALOG).changeSetId(id)).status())
        .isEqualTo(ChangeStatus.PREPARING);

    advance("PT2H");
    DescribeChangeSetResponse done = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25))
        .until(() -> seller.describeChangeSet(r -> r.catalog(SandboxFixture.CATALOG).changeSetId(id)),
            d -> SandboxFixture.TERMINAL.contains(d.status()));
    assertThat(done.status()).isEqualTo(ChangeStatus.SUCCEEDED);
  }

  /**
   * A long poll waiting for a delayed message (15 minutes, longer than the poll) gets it as soon as a move of
   * the clock makes it visible, not at its next re-check or its end (20 s; a minute between re-checks here).
   */
  @Test
  @Order(6)
  void aMoveOfTheClockWakesAWaitingLongPoll() throws Exception {
    try (SqsClient sqs = Marketplace.sqs(sandbox(), SELLER_KEY, SELLER_SECRET)) {
      String url = sqs.getQueueUrl(r -> r.queueName("aws-marketplace-events")).queueUrl();
      sqs.purgeQueue(r -> r.queueUrl(url));
      sqs.sendMessage(r -> r.queueUrl(url).messageBody("{\"hello\":\"later\"}").delaySeconds(900));
      CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(
          () -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)).messages());
      // The poll begins its wait and stays in it for half a second (had it not begun before the move, it would find
      // the message visible at once: the test would prove less).
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
          .until(() -> !poll.isDone());
      advance("PT16M");
      // Long before the poll's end (20 s), at which its last receive would have found the message anyway.
      assertThat(poll.get(12, TimeUnit.SECONDS)).extracting(Message::body).containsExactly("{\"hello\":\"later\"}");
    }
  }
}
