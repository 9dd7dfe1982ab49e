package org.offerdesk.app.jobs;

import java.time.Duration;

/**
 * Thrown by a handler whose work is not due yet (a change set still applying): the job runs again after
 * {@code delay} without counting as a failed attempt. Work the handler did in the job's transaction is
 * rolled back, as for any exception (a handler that {@link JobHandler#callsOut() calls out} has no such
 * transaction: it throws before it writes).
 */
public class RetryLater extends RuntimeException {

  private final Duration delay;

  public RetryLater(Duration delay, String reason) {
    super(reason, null, false, false);
    this.delay = delay;
  }

  public Duration delay() {
    return delay;
  }
}
