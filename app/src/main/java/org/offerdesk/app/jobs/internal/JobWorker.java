package org.offerdesk.app.jobs.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.jobs.RetryLater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims due jobs and runs them. Due-ness follows the platform clock (which may be moved in tests and
 * demos); leases follow the database's own clock, so instances agree on when a dead one's job may be
 * taken over.
 */
@Component
class JobWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final JobHandlers handlers;
  private final Duration pollInterval;
  private final Duration lease;
  private final int threads;
  private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
  private final AtomicBoolean polling = new AtomicBoolean();
  private volatile ScheduledExecutorService poller;
  private volatile ExecutorService runners;

  JobWorker(JdbcClient jdbc, TransactionTemplate tx, Clock clock, ObjectMapper mapper, @Lazy JobHandlers handlers,
      @Value("${offerdesk.jobs.poll-interval:PT1S}") Duration pollInterval,
      @Value("${offerdesk.jobs.lease:PT5M}") Duration lease,
      @Value("${offerdesk.jobs.threads:4}") int threads) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.mapper = mapper;
    this.handlers = handlers;
    this.pollInterval = pollInterval;
    this.lease = lease;
    this.threads = threads;
  }

  @Override
  public void start() {
    runners = Executors.newFixedThreadPool(threads, r -> new Thread(r, "job-runner"));
    poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "job-poller"));
    poller.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    ScheduledExecutorService p = poller;
    ExecutorService r = runners;
    poller = null;
    runners = null;
    if (p != null) {
      p.shutdownNow();
    }
    if (r != null) {
      r.shutdown();
      try {
        r.awaitTermination(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return poller != null;
  }

  /** Jobs stop after the web server, and start before it. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }

  /** Looks for due work now rather than at the next tick. */
  void wakeUp() {
    ScheduledExecutorService p = poller;
    if (p != null && !p.isShutdown()) {
      p.execute(this::poll);
    }
  }

  /** Claims and runs what is due; returns how many jobs it claimed. Tests call it to run due work now. */
  int poll() {
    if (!polling.compareAndSet(false, true)) {
      return 0;
    }
    try {
      List<Job> claimed = claim(threads * 2);
      ExecutorService r = runners;
      for (Job job : claimed) {
        if (r != null) {
          r.execute(() -> run(job));
        } else {
          run(job);
        }
      }
      return claimed.size();
    } catch (RuntimeException e) {
      log.warn("Job poll failed: {}", e.toString());
      return 0;
    } finally {
      polling.set(false);
    }
  }

  private List<Job> claim(int limit) {
    return tx.execute(status -> jdbc.sql("""
        UPDATE job SET status = 'RUNNING', locked_by = :me, attempts = attempts + 1,
          lease_until = clock_timestamp() + CAST(:lease AS interval)
        WHERE id IN (
          SELECT id FROM job
          WHERE (status = 'PENDING' AND due_at <= :now) OR (status = 'RUNNING' AND lease_until < clock_timestamp())
          ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, organization_id, payload::text AS payload, due_at, attempts, max_attempts""")
        .param("me", instance)
        .param("lease", lease.toSeconds() + " seconds")
        .param("now", Timestamp.from(clock.instant()))
        .param("limit", limit)
        .query((rs, row) -> {
          try {
            return new Job(rs.getObject("id", UUID.class), rs.getString("kind"),
                rs.getObject("organization_id", UUID.class), mapper.readTree(rs.getString("payload")),
                rs.getTimestamp("due_at").toInstant(), rs.getInt("attempts"), rs.getInt("max_attempts"));
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
        })
        .list());
  }

  void run(Job job) {
    JobHandler handler = handlers.byKind().get(job.kind());
    try {
      if (handler == null) {
        throw new IllegalStateException("No handler for job kind " + job.kind());
      }
      tx.executeWithoutResult(status -> {
        try {
          handler.handle(job);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new JobFailed(e);
        }
        int done = jdbc.sql("""
            UPDATE job SET status = 'DONE', finished_at = :now, lease_until = NULL, last_error = NULL
            WHERE id = :id AND status = 'RUNNING' AND locked_by = :me""")
            .param("now", Timestamp.from(clock.instant())).param("id", job.id()).param("me", instance).update();
        if (done != 1) {
          // Our lease ran out and another instance took the job over: undo our work, it does it.
          throw new IllegalStateException("Lease on job " + job.id() + " was lost");
        }
      });
    } catch (RetryLater later) {
      jdbc.sql("""
          UPDATE job SET status = 'PENDING', attempts = attempts - 1, lease_until = NULL, due_at = ?, last_error = ?
          WHERE id = ? AND locked_by = ? AND status = 'RUNNING'""")
          .params(Timestamp.from(clock.instant().plus(later.delay())), "waiting: " + later.getMessage(), job.id(),
              instance).update();
    } catch (RuntimeException e) {
      Throwable cause = e instanceof JobFailed ? e.getCause() : e;
      fail(job, handler, cause);
    }
  }

  private void fail(Job job, JobHandler handler, Throwable cause) {
    boolean park = handler == null || job.attempt() >= job.maxAttempts();
    String error = describe(cause);
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

  private static final class JobFailed extends RuntimeException {
    JobFailed(Throwable cause) {
      super(cause);
    }
  }
}
