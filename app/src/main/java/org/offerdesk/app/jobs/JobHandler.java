package org.offerdesk.app.jobs;

/**
 * Does the work of one kind of job. Runs in a transaction together with marking the job done, so work
 * in the database happens once; work outside (HTTP, SMTP) must be idempotent, since a crash after it and
 * before the commit runs the job again. Throwing schedules a retry.
 */
public interface JobHandler {

  String kind();

  void handle(Job job) throws Exception;

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
