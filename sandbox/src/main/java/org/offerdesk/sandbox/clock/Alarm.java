package org.offerdesk.sandbox.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a background loop of the sandbox sleeps on between two looks at the database: a count of signals (this
 * process changed what the loop would find, or the clock moved) that ends a wait, and the real time until a
 * sandbox time. A signal given between the loop's look and its wait is not lost: the loop takes {@link #seen()}
 * before it looks, and a wait for that count returns at once once the count has moved on.
 */
public final class Alarm {

  private final Object lock = new Object();
  private long signals;
  private int waiting;

  /** The count of signals so far, taken before a look and handed to {@link #await(long, long)} after it. */
  public long seen() {
    synchronized (lock) {
      return signals;
    }
  }

  public void signal() {
    synchronized (lock) {
      signals++;
      lock.notifyAll();
    }
  }

  /**
   * Signals once the current transaction has committed (what the woken loop looks for is visible to it then), or
   * at once outside a transaction.
   */
  public void signalAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          signal();
        }
      });
    } else {
      signal();
    }
  }

  /**
   * Blocks up to {@code maxMillis} (real time) or until a signal came after {@code seen}, whichever is sooner.
   * True if a signal came, false if the time ran out.
   */
  public boolean await(long seen, long maxMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    synchronized (lock) {
      waiting++;
      try {
        while (signals == seen) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0) {
            return false;
          }
          lock.wait(left);
        }
        return true;
      } finally {
        waiting--;
      }
    }
  }

  /** How many threads are in {@link #await(long, long)} now. */
  public int waiting() {
    synchronized (lock) {
      return waiting;
    }
  }

  /**
   * The real milliseconds until sandbox time {@code due} (0 if it has come), rounded up, and no more than
   * {@code atMost}. The sandbox clock runs at real speed between moves, and a move signals the waiting loops, so
   * a wait this long never sleeps past it.
   */
  public static long millisUntil(Instant due, Clock clock, long atMost) {
    Duration left = Duration.between(clock.instant(), due);
    if (left.isNegative() || left.isZero()) {
      return 0;
    }
    if (left.compareTo(Duration.ofMillis(atMost)) >= 0) {
      return atMost;
    }
    return left.toMillis() + (left.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
  }
}
