package org.offerdesk.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class BoundedMemoTest {

  @Test
  void keepsUpToItsCapAndANewKeyAtTheCapEmptiesItFirst() {
    BoundedMemo<String, Integer> memo = new BoundedMemo<>(3);
    memo.put("a", 1);
    memo.put("b", 2);
    memo.put("c", 3);
    assertThat(memo.size()).isEqualTo(3);
    assertThat(memo.get("a")).isEqualTo(1);

    memo.put("c", 30); // a kept key at the cap is replaced, nothing else goes
    assertThat(memo.size()).isEqualTo(3);
    assertThat(memo.get("a")).isEqualTo(1);
    assertThat(memo.get("c")).isEqualTo(30);

    memo.put("d", 4); // the fourth key: emptied, then kept
    assertThat(memo.size()).isEqualTo(1);
    assertThat(memo.get("a")).isNull();
    assertThat(memo.get("d")).isEqualTo(4);
  }

  @Test
  void aReadThatAForgetOvertookIsNotKept() {
    BoundedMemo<String, Integer> memo = new BoundedMemo<>(10);
    long before = memo.stamp();
    memo.forget("other");
    assertThat(memo.put("a", 1, before)).isFalse();
    assertThat(memo.get("a")).isNull();

    long now = memo.stamp();
    assertThat(memo.put("a", 2, now)).isTrue();
    assertThat(memo.get("a")).isEqualTo(2);

    long beforeRemove = memo.stamp();
    memo.remove("a"); // a stale value dropped: not a write, reads in flight are still kept
    assertThat(memo.put("b", 3, beforeRemove)).isTrue();
  }

  @Test
  void updatesOnlyWhatIsKeptAndForgetsByKeyOrByValue() {
    BoundedMemo<String, Integer> memo = new BoundedMemo<>(10);
    memo.update("a", (k, v) -> v + 1);
    assertThat(memo.get("a")).isNull();
    memo.put("a", 1);
    memo.put("b", 2);
    memo.put("c", 3);
    memo.update("a", (k, v) -> v + 10);
    assertThat(memo.get("a")).isEqualTo(11);
    memo.forget(List.of("a", "x"));
    memo.forgetIf(v -> v == 3);
    assertThat(memo.get("a")).isNull();
    assertThat(memo.get("b")).isEqualTo(2);
    assertThat(memo.get("c")).isNull();
  }

  @Test
  void aWriteInATransactionIsForgottenAgainWhenItEnds() {
    BoundedMemo<String, Integer> memo = new BoundedMemo<>(10);
    memo.put("a", 1);
    TransactionSynchronizationManager.initSynchronization();
    try {
      memo.forgetWritten(List.of("a"));
      assertThat(memo.get("a")).isNull();
      memo.put("a", 2); // what a reader kept between the write and its rollback
      long stamp = memo.stamp();
      for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
        s.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);
      }
      assertThat(memo.get("a")).isNull();
      assertThat(memo.stamp()).isGreaterThan(stamp);
    } finally {
      TransactionSynchronizationManager.clearSynchronization();
    }

    memo.put("b", 1);
    memo.forgetWrittenIf(v -> v == 1); // no transaction: forgotten once, now
    assertThat(memo.get("b")).isNull();
  }

  @Test
  void threadsPuttingAtOnceNeverKeepMoreThanTheCapOrAMixedUpValue() throws Exception {
    int max = 64;
    BoundedMemo<Integer, Integer> memo = new BoundedMemo<>(max);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = IntStream.range(0, 4).mapToObj(t -> threads.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 50_000; i++) {
          int key = random.nextInt(1_000);
          Integer kept = memo.get(key);
          assertThat(kept == null || kept == key * 2).as("value kept for %s: %s", key, kept).isTrue();
          if (kept == null) {
            memo.put(key, key * 2);
          }
        }
      })).<Future<?>>map(f -> f).toList();
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(memo.size()).isBetween(1, max);
    int counted = 0;
    for (int key = 0; key < 1_000; key++) {
      if (memo.get(key) != null) {
        counted++;
      }
    }
    assertThat(counted).isEqualTo(memo.size());
  }

  /**
   * Readers keep what they read with the stamp they took before reading, while a writer changes values and forgets
   * them: once all stop, whatever is kept is the latest value, never one a change overtook.
   */
  @Test
  void noValueOlderThanTheLastForgetIsKeptWhileWritesRace() throws Exception {
    int keys = 16;
    BoundedMemo<Integer, Integer> memo = new BoundedMemo<>(1_000);
    AtomicIntegerArray stored = new AtomicIntegerArray(keys);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> readers = IntStream.range(0, 3).mapToObj(t -> threads.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (writing.get()) {
          int key = random.nextInt(keys);
          if (memo.get(key) == null) {
            long stamp = memo.stamp();
            int read = stored.get(key);
            Thread.onSpinWait();
            memo.put(key, read, stamp);
          }
        }
      })).<Future<?>>map(f -> f).toList();
      Future<?> writer = threads.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 200_000; i++) {
          int key = random.nextInt(keys);
          stored.incrementAndGet(key);
          memo.forget(key);
        }
        writing.set(false);
      });
      writer.get(2, TimeUnit.MINUTES);
      for (Future<?> f : readers) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      writing.set(false);
      threads.shutdownNow();
    }
    for (int key = 0; key < keys; key++) {
      Integer kept = memo.get(key);
      assertThat(kept == null || kept == stored.get(key)).as("kept for %s: %s, stored %s", key, kept, stored.get(key))
          .isTrue();
    }
  }
}
