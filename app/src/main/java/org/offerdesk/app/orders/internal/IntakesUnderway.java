package org.offerdesk.app.orders.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The agreements whose orders this instance is making right now. A marketplace event about an agreement
 * (its license, its end) usually comes right behind the event that creates its order, and the two are handled
 * side by side: without this the later one found no order yet and waited for a retry seconds later (nearly
 * every License Updated in P2), a second run of its job for nothing. It now waits for the intake under way
 * here to end instead, and looks again. Only this instance's intakes are known: one on another instance, or
 * not begun yet, still means a retry later, as before.
 */
@Component
class IntakesUnderway {

  private final ConcurrentHashMap<String, CountDownLatch> underway = new ConcurrentHashMap<>();

  /** Runs the intake of the agreement, known as under way until it ends (however it ends). */
  <T> T during(UUID org, String agreementId, Supplier<T> intake) {
    String key = key(org, agreementId);
    CountDownLatch mine = new CountDownLatch(1);
    CountDownLatch earlier = underway.putIfAbsent(key, mine);
    try {
      return intake.get();
    } finally {
      if (earlier == null) {
        underway.remove(key, mine);
        mine.countDown();
      }
    }
  }

  /**
   * Waits, at most {@code max}, for this instance's intake of the agreement to end; true when there was one and it
   * ended (its order may exist now), false when none was under way, it outlasted {@code max} or the wait was
   * interrupted.
   */
  boolean awaited(UUID org, String agreementId, Duration max) {
    CountDownLatch running = underway.get(key(org, agreementId));
    if (running == null) {
      return false;
    }
    try {
      return running.await(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String key(UUID org, String agreementId) {
    return org + ":" + agreementId;
  }
}
