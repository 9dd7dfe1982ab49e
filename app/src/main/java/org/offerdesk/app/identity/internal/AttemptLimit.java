package org.offerdesk.app.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.offerdesk.app.runtime.SecurityClock;

/**
 * At most {@code limit} attempts per key (an address, an account) in any sliding {@code window}, on the
 * security clock. Kept in this instance's memory: several instances each allow the limit.
 */
final class AttemptLimit {

  /** Beyond this many keys, keys with no recent attempt are forgotten, so the map cannot grow without end. */
  private static final int PRUNE_ABOVE = 10_000;

  private final SecurityClock clock;
  private final int limit;
  private final Duration window;
  private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

  AttemptLimit(SecurityClock clock, int limit, Duration window) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("A limit needs at least one attempt in a positive window");
    }
    this.clock = clock;
    this.limit = limit;
    this.window = window;
  }

  /** How long the key must wait before its next attempt, or empty when it may try now. */
  Optional<Duration> retryAfter(String key) {
    Deque<Instant> times = attempts.get(key);
    if (times == null) {
      return Optional.empty();
    }
    Instant now = clock.now();
    synchronized (times) {
      forgetBefore(times, now.minus(window));
      if (times.size() < limit) {
        return Optional.empty();
      }
      Duration wait = Duration.between(now, times.peekFirst().plus(window));
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }
  }

  /** Counts an attempt by the key. */
  void record(String key) {
    Instant now = clock.now();
    if (attempts.size() > PRUNE_ABOVE) {
      prune(now);
    }
    Deque<Instant> times = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      forgetBefore(times, now.minus(window));
      times.addLast(now);
      // Only the newest `limit` attempts decide anything.
      while (times.size() > limit) {
        times.removeFirst();
      }
    }
  }

  private void prune(Instant now) {
    Instant cutoff = now.minus(window);
    attempts.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        forgetBefore(e.getValue(), cutoff);
        return e.getValue().isEmpty();
      }
    });
  }

  private static void forgetBefore(Deque<Instant> times, Instant cutoff) {
    while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
      times.removeFirst();
    }
  }

  /** Whole seconds, rounded up, for a Retry-After header. */
  static long seconds(Duration wait) {
    long s = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, s);
  }
}
