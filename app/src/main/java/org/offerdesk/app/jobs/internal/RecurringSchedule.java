package org.offerdesk.app.jobs.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.jobs.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one place where recurring work is scheduled. Each (kind, organization) has one job row for good,
 * keyed {@code kind:organization}: a run that ends puts the same row back to PENDING, due
 * {@link RecurringWork#every()} later on the platform clock, so there is never a second pending job and
 * a restart finds the schedule where it was. A check on this machine's time creates the row for an
 * organization that gained the work and stops it for one that lost it; several instances checking at
 * once still leave one row, since the key is unique.
 */
@Component
class RecurringSchedule implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RecurringSchedule.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final JobHandlers handlers;
  private volatile ScheduledExecutorService checks;

  RecurringSchedule(JdbcClient jdbc, Clock clock, @Lazy JobHandlers handlers) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.handlers = handlers;
  }

  static String key(String kind, UUID organizationId) {
    return kind + ":" + organizationId;
  }

  /**
   * Makes sure each organization of {@code work} has its job (new ones are due now) and stops pending
   * jobs of organizations that no longer have the work.
   */
  void check(RecurringWork work) {
    List<UUID> organizations = List.copyOf(work.organizations());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    for (UUID org : organizations) {
      // A row stopped earlier (the organization had left) comes back; a pending or running one is left alone.
      jdbc.sql("""
          INSERT INTO job (id, kind, organization_id, payload, dedupe_key, due_at, status, max_attempts, created_at)
          VALUES (:id, :kind, :org, '{}'::jsonb, :key, :now, 'PENDING', :max, :now)
          ON CONFLICT (dedupe_key) DO UPDATE SET status = 'PENDING', due_at = :now, attempts = 0,
            finished_at = NULL, last_error = NULL
          WHERE job.status = 'DONE'""")
          .param("id", UUID.randomUUID()).param("kind", work.kind()).param("org", org)
          .param("key", key(work.kind(), org)).param("now", Timestamp.from(now)).param("max", work.maxAttempts())
          .update();
    }
    String others = organizations.isEmpty() ? "" : " AND organization_id NOT IN (:orgs)";
    var stop = jdbc.sql("""
        UPDATE job SET status = 'DONE', finished_at = :now, last_error = 'stopped: the organization no longer has this work'
        WHERE kind = :kind AND status = 'PENDING' AND dedupe_key = kind || ':' || organization_id""" + others)
        .param("now", Timestamp.from(now)).param("kind", work.kind());
    if (!organizations.isEmpty()) {
      stop = stop.param("orgs", organizations);
    }
    stop.update();
  }

  /**
   * Puts a recurring job that this instance ran back to PENDING for its next run, keeping {@code error}
   * (null after a success) for people to read. False when the job is not the (kind, organization) row
   * (a job from before recurring work had one) or when another instance took it over.
   */
  boolean rearm(Job job, JobHandler handler, String instance, String error) {
    if (!(handler instanceof RecurringWork work) || job.organizationId() == null) {
      return false;
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return jdbc.sql("""
        UPDATE job SET status = 'PENDING', due_at = :next, attempts = 0, lease_until = NULL, finished_at = :now,
          last_error = :error
        WHERE id = :id AND organization_id = :org AND status = 'RUNNING' AND locked_by = :me
          AND dedupe_key = :key""")
        .param("org", job.organizationId()).param("next", Timestamp.from(now.plus(work.every()))).param("now", Timestamp.from(now))
        .param("error", error).param("id", job.id()).param("me", instance)
        .param("key", key(job.kind(), job.organizationId()))
        .update() == 1;
  }

  private void checkQuietly(RecurringWork work) {
    try {
      check(work);
    } catch (RuntimeException e) {
      log.warn("Could not check the schedule of {}: {}", work.kind(), e.toString());
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "recurring-work");
      t.setDaemon(true); // it only creates job rows; the job worker runs them
      return t;
    });
    for (JobHandler handler : handlers.byKind().values()) {
      if (handler instanceof RecurringWork work) {
        s.scheduleWithFixedDelay(() -> checkQuietly(work), work.firstCheckAfter().toMillis(),
            work.checkEvery().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    checks = s;
  }

  @Override
  public void stop() {
    ScheduledExecutorService s = checks;
    checks = null;
    if (s != null) {
      s.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return checks != null;
  }

  /** Starts after the job worker, stops before it. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 90;
  }
}
