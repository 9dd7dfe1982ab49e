package org.offerdesk.app.jobs.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This instance as the owner of the jobs it claims: a row in {@code job_worker} whose heartbeat a
 * background thread keeps fresh. Another instance takes over a RUNNING job once its owner's heartbeat is
 * older than {@code offerdesk.jobs.takeover-after} (default 30 s), so a crashed instance's jobs move within
 * seconds while a job that really runs long keeps its claim, since its owner keeps heartbeating.
 *
 * <p>Heartbeats and their age are measured with the database's {@code clock_timestamp()}, not with the
 * business {@code Clock}: the business clock follows the sandbox in demos and tests and may jump by days,
 * which would make every owner look dead at once; and one clock for all instances (the database's) keeps
 * instances whose wall clocks drift apart from taking each other's jobs.
 */
@Component
class JobOwners {

  private static final Logger log = LoggerFactory.getLogger(JobOwners.class);

  private final JdbcClient jdbc;
  private final Duration takeoverAfter;
  private final Duration interval;
  private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
  private volatile ScheduledExecutorService beats;

  JobOwners(JdbcClient jdbc, @Value("${offerdesk.jobs.takeover-after:PT30S}") Duration takeoverAfter,
      @Value("${offerdesk.jobs.heartbeat-interval:#{null}}") Duration interval) {
    this.jdbc = jdbc;
    this.takeoverAfter = takeoverAfter;
    // Several beats fit in the takeover time, so one slow beat does not cost an instance its jobs.
    this.interval = interval != null ? interval : Duration.ofMillis(Math.max(100, takeoverAfter.toMillis() / 6));
    if (!this.interval.multipliedBy(2).minus(takeoverAfter).isNegative()) {
      throw new IllegalArgumentException("offerdesk.jobs.heartbeat-interval (" + this.interval
          + ") must be well under offerdesk.jobs.takeover-after (" + takeoverAfter + ")");
    }
  }

  String instance() {
    return instance;
  }

  /** How long an owner may be silent before its jobs are taken over, as a PostgreSQL interval. */
  String takeoverInterval() {
    return takeoverAfter.toMillis() + " milliseconds";
  }

  /** Beats once now (so this instance owns nothing without a row) and then every interval. */
  void start() {
    beat();
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "job-heartbeat");
      t.setDaemon(true); // a heartbeat never keeps a stopping JVM alive
      return t;
    });
    s.scheduleWithFixedDelay(this::beatQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    beats = s;
  }

  /** Stops beating and, on an orderly shutdown, leaves at once so that what it still held moves now. */
  void stop(boolean leave) {
    ScheduledExecutorService s = beats;
    beats = null;
    if (s != null) {
      s.shutdownNow();
    }
    if (leave) {
      try {
        jdbc.sql("DELETE FROM job_worker WHERE instance_id = ?").param(instance).update();
      } catch (RuntimeException e) {
        log.warn("Could not sign off as job owner {}: {}", instance, e.toString());
      }
    }
  }

  void beat() {
    jdbc.sql("""
        INSERT INTO job_worker (instance_id, started_at, heartbeat_at) VALUES (?, clock_timestamp(), clock_timestamp())
        ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = clock_timestamp()""")
        .param(instance).update();
    // Owners silent for a day are gone for good; their jobs were taken over long ago.
    jdbc.sql("DELETE FROM job_worker WHERE heartbeat_at < clock_timestamp() - interval '1 day'").update();
  }

  private void beatQuietly() {
    try {
      beat();
    } catch (RuntimeException e) {
      // A missed beat is harmless while the next ones arrive within the takeover time.
      log.warn("Job heartbeat of {} failed: {}", instance, e.toString());
    }
  }
}
