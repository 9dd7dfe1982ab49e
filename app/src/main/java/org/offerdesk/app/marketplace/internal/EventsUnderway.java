package org.offerdesk.app.marketplace.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The agreements whose Created or Amended event this instance is handling right now. Another event about the
 * same agreement (its license, its end) usually comes right behind it and is handled side by side: it found no
 * order yet and waited for a retry seconds later (nearly every License Updated in P2), a second run of its job
 * for nothing. It now waits for the event under way here to be handled, and is handled again at once. Only this
 * instance's events are known: one handled on another instance, or not begun yet, still means a retry later.
 */
@Component
class EventsUnderway {

  private final ConcurrentHashMap<String, CountDownLatch> underway = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, java.util.Set<String>> waiters = new ConcurrentHashMap<>();

  /** Runs the handling of an event that makes the agreement's order, known as under way until it ends. */
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
   * Runs the handling of a batch of events that make these agreements' orders, each known as under way until it
   * ends (an agreement already under way elsewhere on this instance is left to that).
   */
  <T> T duringAll(UUID org, java.util.Collection<String> agreementIds, Supplier<T> intake) {
    java.util.Map<String, CountDownLatch> mine = new java.util.LinkedHashMap<>();
    for (String agreementId : agreementIds) {
      CountDownLatch latch = new CountDownLatch(1);
      if (underway.putIfAbsent(key(org, agreementId), latch) == null) {
        mine.put(key(org, agreementId), latch);
      }
    }
    try {
      return intake.get();
    } finally {
      mine.forEach((key, latch) -> {
        underway.remove(key, latch);
        latch.countDown();
      });
    }
  }

  /**
   * The events (their jobs' dedupe keys) waiting on this instance for an order of the agreement: their jobs are made
   * due at once when it is made ({@link #waitersOf}), not at their next retry.
   */
  void waiting(UUID org, String agreementId, String jobKey) {
    waiters.computeIfAbsent(key(org, agreementId), k -> ConcurrentHashMap.newKeySet()).add(jobKey);
  }

  /** The event's job no longer waits (it was handled). */
  void notWaiting(UUID org, String agreementId, String jobKey) {
    java.util.Set<String> waiting = waiters.get(key(org, agreementId));
    if (waiting != null) {
      waiting.remove(jobKey);
      if (waiting.isEmpty()) {
        waiters.remove(key(org, agreementId), waiting);
      }
    }
  }

  /** The jobs waiting for these agreements' orders ({@link #waiting}), forgotten as they are returned. */
  java.util.List<String> waitersOf(UUID org, java.util.Collection<String> agreementIds) {
    if (waiters.isEmpty()) {
      return java.util.List.of();
    }
    java.util.List<String> keys = new java.util.ArrayList<>();
    for (String agreementId : agreementIds) {
      java.util.Set<String> waiting = waiters.remove(key(org, agreementId));
      if (waiting != null) {
        keys.addAll(waiting);
      }
    }
    return keys;
  }

  /** What is under way for the agreement now (null when nothing), to wait for with {@link #awaited}. */
  CountDownLatch now(UUID org, String agreementId) {
    return underway.get(key(org, agreementId));
  }

  /**
   * Waits, at most {@code max}, for what was under way ({@link #now}, or else what is now) to end; true when there
   * was something and it ended (the order may exist now), false when nothing was under way, it outlasted
   * {@code max} or the wait was interrupted.
   */
  boolean awaited(UUID org, String agreementId, CountDownLatch before, Duration max) {
    CountDownLatch running = before != null ? before : now(org, agreementId);
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
