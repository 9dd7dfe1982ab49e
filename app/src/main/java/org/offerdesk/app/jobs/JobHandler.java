package org.offerdesk.app.jobs;

/**
 * Does the work of one kind of job. By default it runs in a transaction together with marking the job
 * done, so work in the database happens once. A handler that calls out (HTTP, SMTP, AWS) says so with
 * {@link #callsOut()} and runs outside any transaction: it reads and commits, calls, then records the
 * result in a transaction of its own, so a slow endpoint never holds a connection or a row lock. Jobs run
 * at least once (a crash, or a takeover after a missed heartbeat, runs a job again), so work outside must
 * carry an idempotency key the receiver can deduplicate by. Throwing schedules a retry.
 */
public interface JobHandler {

  String kind();

  void handle(Job job) throws Exception;

  /**
   * True when {@link #handle} talks to the outside world: the worker then opens no transaction around it
   * and the handler commits its own database work, each piece in a transaction that holds no network call.
   */
  default boolean callsOut() {
    return false;
  }

  /** How many attempts before the job is parked. */
  default int maxAttempts() {
    return 10;
  }

  /**
   * How long to wait before attempt {@code attempt + 1}: exponential from 2 seconds, at most an hour;
   * the worker adds jitter.
   */
  default java.time.Duration retryDelay(int attempt) {
    long seconds = Math.min(3600, 2L << Math.min(attempt - 1, 20));
    return java.time.Duration.ofSeconds(seconds);
  }
}
