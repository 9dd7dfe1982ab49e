package org.offerdesk.app.jobs.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.jobs.RetryLater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How a job this instance ran ends, written to its row: done (or, for recurring work, due again), waiting
 * ({@link RetryLater}), retried later with back-off, or parked. Each write holds only while the job is still
 * RUNNING under this instance: a job another instance took over is left to it.
 */
final class JobOutcomes {

  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final RecurringSchedule recurring;
  private final String instance;

  JobOutcomes(JdbcClient jdbc, Clock clock, RecurringSchedule recurring, String instance) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.recurring = recurring;
    this.instance = instance;
  }

  /**
   * The job waits (not an attempt): due again after the wait; answers when. A job expedited while it ran
   * ({@code Jobs.expedite} moved its due time away from the one it was claimed at) is due at once instead.
   */
  Instant waitFor(Job job, RetryLater later) {
    Instant due = clock.instant().plus(later.delay());
    return jdbc.sql("""
        UPDATE job SET status = 'PENDING', attempts = attempts - 1, lease_until = NULL, last_error = :note,
          due_at = CASE WHEN due_at IS DISTINCT FROM CAST(:claimed AS timestamptz) THEN LEAST(due_at, :due) ELSE :due END
        WHERE id = :id AND locked_by = :me AND status = 'RUNNING'
        RETURNING due_at""")
        .param("note", "waiting: " + later.getMessage())
        .param("claimed", job.dueAt() == null ? null : Timestamp.from(job.dueAt()))
        .param("due", Timestamp.from(due))
        .param("id", job.id()).param("me", instance)
        .query((rs, row) -> rs.getTimestamp(1).toInstant()).optional().orElse(due);
  }

  /** Marks the job done, or, for recurring work, due again at its next time. */
  boolean finish(Job job, JobHandler handler) {
    return recurring.rearm(job, handler, instance, null) || markDone(job);
  }

  private boolean markDone(Job job) {
    return jdbc.sql("""
        UPDATE job SET status = 'DONE', finished_at = :now, lease_until = NULL, last_error = NULL
        WHERE id = :id AND status = 'RUNNING' AND locked_by = :me""")
        .param("now", Timestamp.from(clock.instant())).param("id", job.id()).param("me", instance).update() == 1;
  }

  void fail(Job job, JobHandler handler, Throwable cause) {
    boolean park = handler == null || job.attempt() >= job.maxAttempts();
    String error = describe(cause);
    if (park && recurring.rearm(job, handler, instance, error)) {
      // Recurring work is never parked: the next run is its retry.
      log.warn("Job {} ({}) failed {} times, next run at its usual time: {}", job.id(), job.kind(), job.attempt(),
          cause.toString());
      return;
    }
    if (park) {
      log.warn("Job {} ({}) parked after {} attempts: {}", job.id(), job.kind(), job.attempt(), cause.toString());
      jdbc.sql("""
          UPDATE job SET status = 'PARKED', last_error = ?, lease_until = NULL, finished_at = ?
          WHERE id = ? AND locked_by = ? AND status = 'RUNNING'""")
          .params(error, Timestamp.from(clock.instant()), job.id(), instance).update();
      return;
    }
    Duration delay = handler.retryDelay(job.attempt());
    long jitter = (long) (delay.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble());
    log.info("Job {} ({}) failed on attempt {}, retrying in {}: {}", job.id(), job.kind(), job.attempt(),
        delay.plusMillis(jitter), cause.toString());
    jdbc.sql("""
        UPDATE job SET status = 'PENDING', last_error = ?, lease_until = NULL, due_at = ?
        WHERE id = ? AND locked_by = ? AND status = 'RUNNING'""")
        .params(error, Timestamp.from(clock.instant().plus(delay).plusMillis(jitter)), job.id(), instance).update();
  }

  private static String describe(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    String text = out.toString();
    return text.length() > 4000 ? text.substring(0, 4000) : text;
  }
}
