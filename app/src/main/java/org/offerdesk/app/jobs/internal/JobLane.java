package org.offerdesk.app.jobs.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** One lane of runners: its size, its jobs claimed and not finished, and its executor. */
final class JobLane {
  final String name;
  final int threads;
  /** Jobs claimed by this instance for the lane and not finished yet (queued for a runner or running). */
  final AtomicInteger inFlight = new AtomicInteger();
  /** Whether the last poll found as many due jobs as the lane had room for: there may be more. */
  volatile boolean moreDue;
  volatile ExecutorService runners;

  JobLane(String name, int threads) {
    this.name = name;
    this.threads = threads;
  }

  int room() {
    return threads - inFlight.get();
  }

  void start() {
    runners = Executors.newFixedThreadPool(threads, r -> new Thread(r, name));
  }

  ExecutorService stop() {
    ExecutorService r = runners;
    runners = null;
    if (r != null) {
      r.shutdown();
    }
    return r;
  }
}
