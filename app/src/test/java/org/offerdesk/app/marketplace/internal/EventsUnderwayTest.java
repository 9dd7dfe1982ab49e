package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** An agreement's event waits for its Created under way on this instance, and for nothing else. */
class EventsUnderwayTest {

  @Test
  void an_event_waits_for_the_created_of_its_agreement_under_way_and_not_for_others() throws Exception {
    EventsUnderway underway = new EventsUnderway();
    UUID org = UUID.randomUUID();
    assertThat(underway.awaited(org, "agmt-1", null, Duration.ofSeconds(10))).isFalse();

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
    assertThat(underway.awaited(org, "agmt-other", null, Duration.ofSeconds(10))).isFalse();
    assertThat(underway.awaited(UUID.randomUUID(), "agmt-1", null, Duration.ofSeconds(10))).isFalse();
    CompletableFuture<Boolean> waited = new CompletableFuture<>();
    Thread waiting = new Thread(() -> waited.complete(underway.awaited(org, "agmt-1", null, Duration.ofMinutes(1))));
    waiting.start();
    // Released only once the event is waiting on the intake, so the wait is what is tested, not a late look.
    await().until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
    release.countDown();
    assertThat(waited.get()).isTrue();
    assertThat(intake.get()).isEqualTo("order");
    assertThat(underway.awaited(org, "agmt-1", null, Duration.ofSeconds(10))).isFalse();
  }

  @Test
  void a_look_taken_before_the_created_ended_still_sees_it_end() {
    EventsUnderway underway = new EventsUnderway();
    UUID org = UUID.randomUUID();
    CountDownLatch[] seen = new CountDownLatch[1];
    underway.during(org, "agmt-3", () -> {
      seen[0] = underway.now(org, "agmt-3");
      return null;
    });
    assertThat(seen[0]).isNotNull();
    assertThat(underway.now(org, "agmt-3")).isNull();
    assertThat(underway.awaited(org, "agmt-3", seen[0], Duration.ofSeconds(10))).isTrue();
  }
}
