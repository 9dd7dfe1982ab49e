package org.offerdesk.app.jobs.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * demos); ownership follows {@link JobOwners}' heartbeats on the database's own clock, so a dead
 * instance's RUNNING jobs are claimed again within the takeover time and a live one keeps its long jobs.
 *
 * <p>Two lanes of runners: {@code offerdesk.jobs.threads} (4) for jobs that run in a transaction, each holding a
 * pool connection while it runs, and {@code offerdesk.jobs.calling-out-threads} (16) for jobs that call out
 * ({@link JobHandler#callsOut()}: the marketplace, SMTP, webhooks), which spend most of their time waiting for an
 * answer and hold a connection only in their own short transactions. A publish waiting on StartChangeSet, or a
 * webhook on a slow receiver, then no longer keeps the database work of every other job waiting, and 50 change
 * sets submitted at once go out 16 at a time instead of 4. Each lane claims only its own kinds and at most its
 * idle runners, in one statement; claiming, takeover and run-once are the same for both.
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
  private final JobOwners owners;
  private final JobOutcomes outcomes;
  private final String instance;
  private final AtomicBoolean polling = new AtomicBoolean();
  /** Runners for jobs in a transaction. */
  private final JobLane local;
  /** Runners for jobs that call out. */
  private final JobLane callingOut;
  /** The kinds whose handlers call out (the calling-out lane's), known once the handlers are. */
  private volatile String[] callingOutKinds;
  /** The polls asked for at a job's due time and not run yet, by due time in {@link #WAKE_GRAIN_MS} steps. */
  private final java.util.Set<Long> wakesAhead = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Wake-ups at due times closer than this share one poll. */
  private static final long WAKE_GRAIN_MS = 10;
  private volatile ScheduledExecutorService poller;

  JobWorker(JdbcClient jdbc, TransactionTemplate tx, Clock clock, ObjectMapper mapper, @Lazy JobHandlers handlers,
      @Value("${offerdesk.jobs.poll-interval:PT1S}") Duration pollInterval,
      JobOwners owners, RecurringSchedule recurring, @Value("${offerdesk.jobs.threads:4}") int threads,
      @Value("${offerdesk.jobs.calling-out-threads:16}") int callingOutThreads) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.mapper = mapper;
    this.handlers = handlers;
    this.pollInterval = pollInterval;
    this.owners = owners;
    this.instance = owners.instance();
    this.outcomes = new JobOutcomes(jdbc, clock, recurring, instance);
    this.local = new JobLane("job-runner", threads);
    this.callingOut = new JobLane("job-caller", callingOutThreads);
  }

  @Override
  public void start() {
    owners.start();
    local.start();
    callingOut.start();
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "job-poller");
      t.setDaemon(true); // it only looks for work; stop() waits for the runners, which do the work
      return t;
    });
    poller.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    halt();
    ExecutorService a = local.stop();
    ExecutorService b = callingOut.stop();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    try {
      for (ExecutorService r : new ExecutorService[] {a, b}) {
        if (r != null) {
          r.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    owners.stop(true);
  }

  /**
   * Stops claiming and heartbeating at once, leaving running jobs, their rows and this owner's row as they
   * are: what {@code kill -9} leaves behind. Tests use it to show that another instance takes over.
   */
  void haltWithoutShutdown() {
    halt();
    owners.stop(false);
  }

  private void halt() {
    ScheduledExecutorService p = poller;
    poller = null;
    if (p != null) {
      p.shutdownNow();
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

  /**
   * Polls when a job falls due {@code dueAt} (a change set's next look, a {@link RetryLater}), rather than at the
   * first tick after it: for jobs due within one poll interval, which the tick would otherwise delay by up to a
   * whole interval. Later ones are the tick's. In this instance only: another instance finds them at its tick.
   */
  void wakeUpAt(java.time.Instant dueAt) {
    ScheduledExecutorService p = poller;
    if (p == null || p.isShutdown()) {
      return;
    }
    long delay = Duration.between(clock.instant(), dueAt).toMillis();
    if (delay <= 0) {
      wakeUp();
      return;
    }
    if (delay >= pollInterval.toMillis()) {
      return;
    }
    // Rounded up, so the poll never comes before the job is due; one poll for every job due in the same step.
    long step = (System.currentTimeMillis() + delay + WAKE_GRAIN_MS - 1) / WAKE_GRAIN_MS;
    if (wakesAhead.add(step)) {
      try {
        p.schedule(() -> {
          wakesAhead.remove(step);
          poll();
        }, step * WAKE_GRAIN_MS - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        wakesAhead.remove(step);
      }
    }
  }

  /**
   * Claims and runs what is due, in each lane at most as many as it has idle runners (a claimed job never waits in
   * this instance behind another one: it is either running or still in the table, where every instance can take it
   * and due order holds); returns how many jobs it claimed. Tests call it to run due work now. When a poll finds as
   * many due jobs as a lane's idle runners, each of that lane's runners asks for the next poll as soon as it is
   * free, not at the next tick: a backlog (a burst of events, 50 change sets in flight) is worked off at the
   * runners' pace.
   */
  int poll() {
    if (!polling.compareAndSet(false, true)) {
      return 0;
    }
    try {
      int room = roomIn(local);
      int outRoom = roomIn(callingOut);
      if (room <= 0 && outRoom <= 0) {
        return 0;
      }
      List<Job> claimed = claim(Math.max(room, 0), Math.max(outRoom, 0));
      int localClaimed = 0;
      for (Job job : claimed) {
        if (!isCallingOut(job.kind())) {
          localClaimed++;
        }
      }
      if (room > 0) {
        local.moreDue = localClaimed == room;
      }
      if (outRoom > 0) {
        callingOut.moreDue = claimed.size() - localClaimed == outRoom;
      }
      for (Job job : claimed) {
        JobLane lane = isCallingOut(job.kind()) ? callingOut : local;
        lane.inFlight.incrementAndGet();
        ExecutorService r = lane.runners;
        if (r != null) {
          r.execute(() -> runAndLookFurther(job, lane));
        } else {
          runAndLookFurther(job, lane);
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

  /** The lane's idle runners; a full lane is told to poll when a runner frees up. */
  private static int roomIn(JobLane lane) {
    int room = lane.room();
    if (room <= 0) {
      lane.moreDue = true;
      // A runner that finished since the count above either sees moreDue and polls, or is seen here.
      room = lane.room();
    }
    return room;
  }

  private boolean isCallingOut(String kind) {
    JobHandler handler = handlers.byKind().get(kind);
    return handler != null && handler.callsOut();
  }

  private String[] callingOutKinds() {
    String[] kinds = callingOutKinds;
    if (kinds == null) {
      kinds = handlers.byKind().values().stream().filter(JobHandler::callsOut).map(JobHandler::kind)
          .sorted().toArray(String[]::new);
      callingOutKinds = kinds;
    }
    return kinds;
  }

  /** RUNNING jobs whose owner stopped heartbeating (crashed, frozen, cut off): claimable like due PENDING ones. */
  private static final String ORPHANED = """
      j.status = 'RUNNING' AND NOT EXISTS (
        SELECT 1 FROM job_worker w WHERE w.instance_id = j.locked_by
        AND w.heartbeat_at >= clock_timestamp() - CAST(:takeover AS interval))""";

  /**
   * Each lane's claimable jobs (due PENDING jobs and orphaned RUNNING ones), its own kinds only, oldest due first,
   * as many as it has room for. The due and the orphaned are picked apart and merged: one condition over both
   * made PostgreSQL read the two partial indexes as a bitmap, and a bitmap scan never marks the entries of jobs
   * already done as dead, so every claim read all of them again until a vacuum; the due jobs' plain index scan
   * in due order marks them and stops at the limit. A row locked here and not taken is free again at commit.
   */
  static final String CLAIM = "WITH "
      + lane("local_lane", "NOT (j.kind = ANY (CAST(:callingOut AS text[])))", "localLimit") + ",\n"
      + lane("calling_out_lane", "j.kind = ANY (CAST(:callingOut AS text[]))", "callingOutLimit") + """

      UPDATE job SET status = 'RUNNING', locked_by = :me, attempts = attempts + 1, lease_until = NULL
      WHERE id IN (SELECT id FROM local_lane UNION ALL SELECT id FROM calling_out_lane)
      RETURNING id, kind, organization_id, payload::text AS payload, due_at, attempts, max_attempts""";

  /** One lane's claimable jobs of its kinds: the due and the orphaned picked apart, then the oldest of both. */
  private static String lane(String name, String kinds, String limit) {
    return """
        %1$s_due AS (
          SELECT id, due_at FROM job j WHERE j.status = 'PENDING' AND j.due_at <= :now AND %2$s
          ORDER BY due_at LIMIT :%3$s FOR UPDATE SKIP LOCKED),
        %1$s_orphaned AS (
          SELECT id, due_at FROM job j WHERE %4$s AND %2$s
          ORDER BY due_at LIMIT :%3$s FOR UPDATE SKIP LOCKED),
        %1$s AS (
          SELECT id FROM (SELECT * FROM %1$s_due UNION ALL SELECT * FROM %1$s_orphaned) both_kinds
          ORDER BY due_at LIMIT :%3$s)""".formatted(name, kinds, limit, ORPHANED);
  }

  private List<Job> claim(int localLimit, int callingOutLimit) {
    return tx.execute(status -> jdbc.sql(CLAIM)
        .param("me", instance)
        .param("takeover", owners.takeoverInterval())
        .param("now", Timestamp.from(clock.instant()))
        .param("callingOut", callingOutKinds())
        .param("localLimit", localLimit)
        .param("callingOutLimit", callingOutLimit)
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

  private void runAndLookFurther(Job job, JobLane lane) {
    try {
      run(job);
    } finally {
      lane.inFlight.decrementAndGet();
      if (lane.moreDue) {
        lane.moreDue = false;
        wakeUp();
      }
    }
  }

  void run(Job job) {
    JobHandler handler = handlers.byKind().get(job.kind());
    try {
      if (handler == null) {
        throw new IllegalStateException("No handler for job kind " + job.kind());
      }
      if (handler.callsOut()) {
        // No transaction around the call: a slow endpoint must not hold a connection or a row lock.
        // The handler commits its own work; marking the job done is a statement of its own.
        handleChecked(handler, job);
        if (!outcomes.finish(job, handler)) {
          log.warn("Job {} ({}) was taken over by another instance while this one ran it", job.id(), job.kind());
        }
        return;
      }
      tx.executeWithoutResult(status -> {
        handleChecked(handler, job);
        if (!outcomes.finish(job, handler)) {
          // Another instance took the job over (we looked dead): undo our work, it does it.
          throw new IllegalStateException("Job " + job.id() + " was taken over by another instance");
        }
      });
    } catch (RetryLater later) {
      wakeUpAt(outcomes.waitFor(job, later));
    } catch (RuntimeException e) {
      Throwable cause = e instanceof JobFailed ? e.getCause() : e;
      outcomes.fail(job, handler, cause);
    }
  }

  private static void handleChecked(JobHandler handler, Job job) {
    try {
      handler.handle(job);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new JobFailed(e);
    }
  }

  private static final class JobFailed extends RuntimeException {
    JobFailed(Throwable cause) {
      super(cause);
    }
  }
}
