package org.offerdesk.postgres;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values kept in memory by key, at most {@code max} of them: what a hot path read once (a row, a rendered answer, a
 * derived key) and reads again many times. The one memo of the platform and the sandbox (this module is the one
 * both build on); a key holds what the value depends on (a row's identity or version), or a write
 * {@linkplain #forgetWritten forgets} it.
 *
 * <p>Reading ({@link #get}) is a plain {@link ConcurrentHashMap} read: no lock, no allocation. Keeping takes this
 * memo's lock (it follows a read from the database or a computation, which cost far more): past {@code max} values
 * a new key empties the memo and starts again, which costs nothing per read and, for the sizes kept (a handful to
 * thousands of entries, caps of 1,000 to 50,000), happens rarely or never. Forgetting also takes the lock and is
 * counted: a value read before a forget and kept after it would bring back what the forget removed, so a reader
 * that may race a write takes a {@link #stamp} before it reads and keeps with {@link #put(Object, Object, long)}.
 */
public final class BoundedMemo<K, V> {

  private final int max;
  private final ConcurrentHashMap<K, V> kept = new ConcurrentHashMap<>();
  /** Forgets so far; written under this memo's lock, read without it. */
  private volatile long forgets;

  public BoundedMemo(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("A memo keeps at least one value: " + max);
    }
    this.max = max;
  }

  /** The value kept for {@code key}, or null. */
  public V get(K key) {
    return kept.get(key);
  }

  /** Keeps {@code value} for {@code key}; a new key past {@code max} values empties the memo first. */
  public synchronized void put(K key, V value) {
    if (kept.size() >= max && !kept.containsKey(key)) {
      kept.clear();
    }
    kept.put(key, value);
  }

  /** Take before reading what {@link #put(Object, Object, long)} will keep. */
  public long stamp() {
    return forgets;
  }

  /** Keeps {@code value} as {@link #put(Object, Object)} does unless something was forgotten since {@code stamp}. */
  public synchronized boolean put(K key, V value, long stamp) {
    if (forgets != stamp) {
      return false;
    }
    put(key, value);
    return true;
  }

  /** Replaces the value kept for {@code key}, if any (an entry changed in place: the memo does not grow). */
  public void update(K key, BiFunction<? super K, ? super V, ? extends V> change) {
    kept.computeIfPresent(key, change);
  }

  /**
   * Drops the value kept for {@code key} without counting a forget: for a value found stale by a read, not changed
   * by a write (so reads of other keys in flight are still kept).
   */
  public void remove(K key) {
    kept.remove(key);
  }

  public synchronized void forget(K key) {
    forgets++;
    kept.remove(key);
  }

  public synchronized void forget(Collection<? extends K> keys) {
    forgets++;
    keys.forEach(kept::remove);
  }

  /** Forgets every value {@code which} accepts (a look at each: for writes, not reads). */
  public synchronized void forgetIf(Predicate<? super V> which) {
    forgets++;
    kept.values().removeIf(which);
  }

  /**
   * What a write changes: forgotten now and, when a transaction is running, again once it has ended, committed or
   * rolled back (a reader may have kept the old value in between, or the write's own).
   */
  public void forgetWritten(Collection<? extends K> keys) {
    alsoAfterTransaction(() -> forget(keys));
  }

  /** As {@link #forgetWritten}, for the values {@code which} accepts. */
  public void forgetWrittenIf(Predicate<? super V> which) {
    alsoAfterTransaction(() -> forgetIf(which));
  }

  private static void alsoAfterTransaction(Runnable forget) {
    forget.run();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          forget.run();
        }
      });
    }
  }

  public int size() {
    return kept.size();
  }
}
