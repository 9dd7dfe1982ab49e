package org.offerdesk.app.marketplace.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A lifecycle bean that repeats one task on a daemon thread of its own, with a fixed pause between runs,
 * until the application stops. A daemon, because what such a task reads or computes is stored or
 * recomputed, never worth keeping a stopping JVM alive. Subclasses decide in {@link #start()} whether and
 * what to repeat.
 */
abstract class RepeatingTask implements SmartLifecycle {

  private final String threadName;
  private volatile ScheduledExecutorService executor;

  RepeatingTask(String threadName) {
    this.threadName = threadName;
  }

  /** Runs {@code task} first after {@code pause}, then {@code pause} after each run ends. */
  protected final void repeat(Runnable task, Duration pause) {
    ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, threadName);
      thread.setDaemon(true);
      return thread;
    });
    started.scheduleWithFixedDelay(task, pause.toMillis(), pause.toMillis(), TimeUnit.MILLISECONDS);
    executor = started;
  }

  /** Interrupts a run in progress and runs no more. */
  @Override
  public final void stop() {
    ScheduledExecutorService running = executor;
    executor = null;
    if (running != null) {
      running.shutdownNow();
    }
    stopping();
  }

  /** What a subclass stops besides the repeated task (threads of its own). */
  protected void stopping() {}

  @Override
  public final boolean isRunning() {
    return executor != null;
  }
}
