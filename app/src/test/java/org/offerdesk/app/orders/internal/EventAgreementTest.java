package org.offerdesk.app.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.MarketplaceAgreements;

/** What an agreement event tells of its agreement, and the wait for an intake under way. */
class EventAgreementTest {

  final ObjectMapper json = new ObjectMapper();

  @Test
  void a_created_event_describes_its_agreement_without_its_value() throws Exception {
    JsonNode detail = json.readTree("""
        {"requestId":"r","catalog":"AWSMarketplace","agreement":{"id":"agmt-1","intent":"NEW","status":"ACTIVE",
         "acceptanceTime":"2026-01-02T03:04:05Z","startTime":"2026-01-02T03:04:05Z","endTime":"2027-01-02T03:04:05Z"},
         "product":{"id":"prod-1","title":"T"},"resaleAuthorization":null,"acceptor":{"accountId":"111111111111"},
         "proposer":{"accountId":"222222222222"},"offer":{"id":"offer-1"}}""");
    MarketplaceAgreements.Agreement a = OrderEvents.reported(detail);
    assertThat(a).isEqualTo(new MarketplaceAgreements.Agreement("agmt-1", "ACTIVE", "222222222222", "111111111111",
        "offer-1", "prod-1", null, null, Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:04:05Z"),
        Instant.parse("2027-01-02T03:04:05Z")));
  }

  @Test
  void an_event_without_product_or_times_leaves_them_unknown() throws Exception {
    MarketplaceAgreements.Agreement a = OrderEvents.reported(json.readTree("""
        {"agreement":{"id":"agmt-2","status":"ACTIVE","acceptanceTime":"not a time"},
         "acceptor":{"accountId":"111111111111"},"proposer":{"accountId":"222222222222"},"offer":{"id":"offer-2"}}"""));
    assertThat(a.productId()).isNull();
    assertThat(a.acceptedAt()).isNull();
    assertThat(a.startsAt()).isNull();
    assertThat(a.value()).isNull();
  }

  @Test
  void an_event_waits_for_the_intake_of_its_agreement_under_way_and_not_for_others() throws Exception {
    IntakesUnderway underway = new IntakesUnderway();
    UUID org = UUID.randomUUID();
    assertThat(underway.awaited(org, "agmt-1", Duration.ofSeconds(10))).isFalse();

    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> intake = CompletableFuture.supplyAsync(() -> underway.during(org, "agmt-1", () -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return "order";
    }));
    started.await();
    assertThat(underway.awaited(org, "agmt-other", Duration.ofSeconds(10))).isFalse();
    assertThat(underway.awaited(UUID.randomUUID(), "agmt-1", Duration.ofSeconds(10))).isFalse();
    CompletableFuture<Boolean> waited = new CompletableFuture<>();
    Thread waiting = new Thread(() -> waited.complete(underway.awaited(org, "agmt-1", Duration.ofMinutes(1))));
    waiting.start();
    // Released only once the event is waiting on the intake, so the wait is what is tested, not a late look.
    await().until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
    release.countDown();
    assertThat(waited.get()).isTrue();
    assertThat(intake.get()).isEqualTo("order");
    assertThat(underway.awaited(org, "agmt-1", Duration.ofSeconds(10))).isFalse();
  }
}
