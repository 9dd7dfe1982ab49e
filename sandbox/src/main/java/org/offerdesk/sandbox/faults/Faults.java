package org.offerdesk.sandbox.faults;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The faults the sandbox is asked to inject, so clients can test their retry, failure and idempotency
 * paths: a share of API calls throttled, change sets forced to fail, extra time before change sets
 * finish, events duplicated, delayed or reordered on their queues, and payouts that fail. Faults
 * are a testing switch and live in memory: a restart clears them.
 */
@Component
public class Faults {

  /**
   * What is injected now. Events: a share of them delivered twice ({@code eventDuplicateRate}), held back
   * before they become visible ({@code eventDelay}), or delivered newest first ({@code reorderEvents}).
   * Money: the next {@code failNextPayouts} payouts fail (a DISBURSEMENT_FAILURE row; a later run pays).
   */
  public record Settings(double throttlingRate, int failNextChangeSets, Duration extraChangeSetDelay,
      double eventDuplicateRate, Duration eventDelay, boolean reorderEvents, int failNextPayouts) {
    public static final Settings NONE = new Settings(0, 0, Duration.ZERO, 0, Duration.ZERO, false, 0);

    public Settings(double throttlingRate, int failNextChangeSets, Duration extraChangeSetDelay,
        double eventDuplicateRate, Duration eventDelay, boolean reorderEvents) {
      this(throttlingRate, failNextChangeSets, extraChangeSetDelay, eventDuplicateRate, eventDelay, reorderEvents, 0);
    }

    public Settings(double throttlingRate, int failNextChangeSets, Duration extraChangeSetDelay) {
      this(throttlingRate, failNextChangeSets, extraChangeSetDelay, 0, Duration.ZERO, false);
    }

    public Settings {
      if (eventDuplicateRate < 0 || eventDuplicateRate > 1) {
        throw new IllegalArgumentException("eventDuplicateRate is a share between 0 and 1");
      }
      if (eventDelay == null || eventDelay.isNegative()) {
        throw new IllegalArgumentException("eventDelay cannot be negative");
      }
      if (throttlingRate < 0 || throttlingRate > 1) {
        throw new IllegalArgumentException("throttlingRate is a share between 0 and 1");
      }
      if (failNextPayouts < 0) {
        throw new IllegalArgumentException("failNextPayouts cannot be negative");
      }
      if (failNextChangeSets < 0) {
        throw new IllegalArgumentException("failNextChangeSets cannot be negative");
      }
      if (extraChangeSetDelay == null || extraChangeSetDelay.isNegative()) {
        throw new IllegalArgumentException("extraChangeSetDelay cannot be negative");
      }
    }
  }

  private final AtomicReference<Settings> current = new AtomicReference<>(Settings.NONE);
  /**
   * The dice for throttling and duplicates, seeded with each new setting so that a failing run can be
   * replayed with the seed it reports.
   */
  private volatile Random dice = new Random(0);
  private final java.util.concurrent.atomic.AtomicInteger payoutsOffByACent = new java.util.concurrent.atomic.AtomicInteger();
  private volatile String payoutOffByACentAccount;
  private volatile long seed;

  public Settings current() {
    return current.get();
  }

  /** Injects these faults with dice seeded at random; {@link #seed()} tells which seed. */
  public void set(Settings settings) {
    set(settings, ThreadLocalRandom.current().nextLong());
  }

  /** Injects these faults with dice seeded with {@code seed}, to replay a run. */
  public synchronized void set(Settings settings, long seed) {
    this.dice = new Random(seed);
    this.seed = seed;
    current.set(settings);
  }

  /** The seed of the dice in use. */
  public long seed() {
    return seed;
  }

  public void clear() {
    current.set(Settings.NONE);
    payoutsOffByACent(0, null);
  }

  /**
   * The next {@code count} payouts to {@code account} (any account when null) are a cent more than the lines
   * they cover (AWS's reports note such a payout rounding bug): a payout that does not add up, for
   * reconciliation to catch.
   */
  public synchronized void payoutsOffByACent(int count, String account) {
    if (count < 0) {
      throw new IllegalArgumentException("payoutsOffByACent cannot be negative");
    }
    payoutsOffByACent.set(count);
    payoutOffByACentAccount = count == 0 ? null : account;
  }

  public int payoutsOffByACent() {
    return payoutsOffByACent.get();
  }

  public String payoutOffByACentAccount() {
    return payoutOffByACentAccount;
  }

  /** Takes one payout to {@code account} that is to be a cent off, if one is pending for it. */
  public synchronized boolean takePayoutOffByACent(String account) {
    if (payoutOffByACentAccount != null && !payoutOffByACentAccount.equals(account)) {
      return false;
    }
    return payoutsOffByACent.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  /** Whether this API call is to be throttled. */
  public boolean throttleNow() {
    double rate = current.get().throttlingRate();
    return rate > 0 && dice.nextDouble() < rate;
  }

  /** Takes one forced change-set failure, if any is pending. */
  public boolean takeForcedFailure() {
    while (true) {
      Settings s = current.get();
      if (s.failNextChangeSets() == 0) {
        return false;
      }
      Settings next = new Settings(s.throttlingRate(), s.failNextChangeSets() - 1, s.extraChangeSetDelay(),
          s.eventDuplicateRate(), s.eventDelay(), s.reorderEvents(), s.failNextPayouts());
      if (current.compareAndSet(s, next)) {
        return true;
      }
    }
  }

  /** Takes one forced payout failure, if any is pending. */
  public boolean takePayoutFailure() {
    while (true) {
      Settings s = current.get();
      if (s.failNextPayouts() == 0) {
        return false;
      }
      Settings next = new Settings(s.throttlingRate(), s.failNextChangeSets(), s.extraChangeSetDelay(),
          s.eventDuplicateRate(), s.eventDelay(), s.reorderEvents(), s.failNextPayouts() - 1);
      if (current.compareAndSet(s, next)) {
        return true;
      }
    }
  }

  /** How many times this event is to be delivered: twice for the injected share of duplicates. */
  public int eventCopies() {
    double rate = current.get().eventDuplicateRate();
    return rate > 0 && dice.nextDouble() < rate ? 2 : 1;
  }

  public Duration extraChangeSetDelay() {
    return current.get().extraChangeSetDelay();
  }
}
