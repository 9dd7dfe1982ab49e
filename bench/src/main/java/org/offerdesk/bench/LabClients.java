package org.offerdesk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lab tools' closed loop (P3Lab, P3Pair): {@code clients} threads each send their next call as soon as the
 * previous one answered, until the stretch ends, and hand each call's time to {@code taken}. bench/run's own loads
 * go through {@link Load}.
 */
final class LabClients {

  private LabClients() {}

  /** What a call took: the client's number, the call's number for that client and the time in nanoseconds. */
  interface Taken {
    void record(int client, long call, long nanos);
  }

  /** Runs the loop for {@code seconds}; answers the number of calls that failed (the first failure is printed). */
  static long run(int clients, int seconds, Load.Call call, Taken taken) throws InterruptedException {
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread t = new Thread(() -> {
        long i = 0;
        while (System.nanoTime() < end) {
          long before = System.nanoTime();
          long n = i++;
          try {
            if (!call.call(client, n)) {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            if (errors.incrementAndGet() == 1) {
              e.printStackTrace();
            }
          }
          taken.record(client, n, System.nanoTime() - before);
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    return errors.get();
  }
}
