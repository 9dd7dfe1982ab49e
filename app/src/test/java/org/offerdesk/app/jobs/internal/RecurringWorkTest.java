package org.offerdesk.app.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.RecurringWork;
import org.offerdesk.app.support.MutableClock;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.support.OwnContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recurring work on the job queue: one pending job per kind and organization, one run per due time
 * however many instances race for it, and a schedule that a restart finds where it left it.
 */
@OfferDeskTest
@Import(JobsTest.Handlers.class) // the same context as JobsTest
@OwnContext
class RecurringWorkTest {

  /** Runs hourly for the organizations a test gives it; counts its runs; fails for the ones told to. */
  static class CountingWork implements RecurringWork {
    final Set<UUID> organizations = ConcurrentHashMap.newKeySet();
    final Set<UUID> failing = ConcurrentHashMap.newKeySet();
    final Map<UUID, AtomicInteger> runs = new ConcurrentHashMap<>();

    @Override
    public String kind() {
      return "test.recurring";
    }

    @Override
    public Duration every() {
      return Duration.ofHours(1);
    }

    @Override
    public Collection<UUID> organizations() {
      return Set.copyOf(organizations);
    }

    /** This context's own check waits a day: the tests check by hand, as each instance's timer would. */
    @Override
    public Duration checkEvery() {
      return Duration.ofDays(1);
    }

    @Override
    public int maxAttempts() {
      return 2;
    }

    @Override
    public Duration retryDelay(int attempt) {
      return Duration.ZERO;
    }

    @Override
    public void handle(Job job) {
      if (failing.contains(job.organizationId())) {
        throw new IllegalStateException("planned failure");
      }
      runs.computeIfAbsent(job.organizationId(), o -> new AtomicInteger()).incrementAndGet();
    }

    int runs(UUID org) {
      AtomicInteger n = runs.get(org);
      return n == null ? 0 : n.get();
    }
  }

  @Autowired CountingWork work;
  @Autowired RecurringSchedule schedule;
  @Autowired JobWorker worker;
  @Autowired JobHandlers handlers;
  @Autowired MutableClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired com.fasterxml.jackson.databind.ObjectMapper mapper;
  @Autowired ApplicationContext context;

  UUID org;
  final List<JobOwners> owners = new ArrayList<>();

  @BeforeEach
  void setUp() {
    org = new TestTenants(context).seller("Recurring Co " + UUID.randomUUID()).organizationId();
    work.organizations.add(org);
  }

  @AfterEach
  void tearDown() {
    work.organizations.remove(org);
    owners.forEach(o -> o.stop(true));
  }

  /** Another instance on the same database: its own owner row, its own worker and schedule. */
  JobWorker anotherInstance() {
    JobOwners owner = new JobOwners(jdbc, Duration.ofSeconds(30), null);
    owner.beat(); // an owner without a heartbeat looks dead: its jobs would be taken over at once
    owners.add(owner);
    return new JobWorker(jdbc, tx, clock, mapper, handlers, Duration.ofSeconds(1), owner,
        new RecurringSchedule(jdbc, clock, handlers), 2, 2);
  }

  record Row(String status, Instant dueAt, String lastError) {}

  List<Row> rows() {
    return jdbc.sql("SELECT status, due_at, last_error FROM job WHERE kind = 'test.recurring' AND organization_id = ?")
        .param(org).query((rs, n) -> new Row(rs.getString("status"), rs.getTimestamp("due_at").toInstant(),
            rs.getString("last_error"))).list();
  }

  Row row() {
    List<Row> rows = rows();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  void race(List<Runnable> instances) throws Exception {
    CyclicBarrier start = new CyclicBarrier(instances.size());
    ExecutorService threads = Executors.newFixedThreadPool(instances.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Runnable instance : instances) {
        done.add(threads.submit(() -> {
          start.await();
          instance.run();
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void two_instances_checking_and_polling_at_once_keep_one_job_and_run_it_once() throws Exception {
    RecurringSchedule other = new RecurringSchedule(jdbc, clock, handlers);
    // Before the checks: the context's own job worker may run the job as soon as a check has made it.
    Instant before = clock.instant();
    race(List.of(() -> schedule.check(work), () -> other.check(work)));
    // One job from the two checks; the context's own worker may already be running it.
    assertThat(row().status()).isIn("PENDING", "RUNNING");

    JobWorker first = anotherInstance();
    JobWorker second = anotherInstance();
    race(List.of(() -> repeat(first), () -> repeat(second), () -> repeat(worker)));
    await().atMost(Duration.ofSeconds(10)).until(() -> row().status().equals("PENDING") && work.runs(org) == 1);

    // One row, due an hour after its run: nothing can claim it again before then.
    Row next = row();
    assertThat(next.dueAt()).isAfterOrEqualTo(before.plus(Duration.ofHours(1)).minusMillis(1))
        .isBeforeOrEqualTo(clock.instant().plus(Duration.ofHours(1)));
    first.poll();
    second.poll();
    assertThat(row().dueAt()).isEqualTo(next.dueAt());
    assertThat(work.runs(org)).isEqualTo(1);
  }

  private static void repeat(JobWorker worker) {
    for (int round = 0; round < 20; round++) {
      worker.poll();
    }
  }

  @Test
  void a_restarted_instance_keeps_the_schedule_and_the_next_run_comes_at_its_time() {
    schedule.check(work);
    await().atMost(Duration.ofSeconds(10)).until(() -> work.runs(org) == 1 && row().status().equals("PENDING"));
    Instant due = row().dueAt();

    // A restart: a fresh schedule and worker find the job where it was, and do not run it early.
    RecurringSchedule restarted = new RecurringSchedule(jdbc, clock, handlers);
    restarted.check(work);
    JobWorker worker = anotherInstance();
    worker.poll();
    assertThat(row().dueAt()).isEqualTo(due);
    assertThat(work.runs(org)).isEqualTo(1);

    clock.advance(Duration.ofMinutes(61));
    worker.poll();
    await().atMost(Duration.ofSeconds(10)).until(() -> work.runs(org) == 2 && row().status().equals("PENDING"));
    assertThat(row().dueAt()).isAfter(due.plus(Duration.ofMinutes(61)));
  }

  @Test
  void failing_work_is_not_parked_but_runs_again_at_its_next_time() {
    work.failing.add(org);
    try {
      schedule.check(work);
      await().atMost(Duration.ofSeconds(10)).until(() -> row().lastError() != null && row().status().equals("PENDING")
          && row().dueAt().isAfter(clock.instant().plus(Duration.ofMinutes(30))));
      assertThat(row().lastError()).contains("planned failure");
      assertThat(work.runs(org)).isZero();
    } finally {
      work.failing.remove(org);
    }
  }

  @Test
  void an_organization_that_loses_the_work_stops_and_gets_it_back_when_it_returns() {
    schedule.check(work);
    await().atMost(Duration.ofSeconds(10)).until(() -> work.runs(org) == 1 && row().status().equals("PENDING"));

    work.organizations.remove(org);
    schedule.check(work);
    assertThat(row().status()).isEqualTo("DONE");

    work.organizations.add(org);
    schedule.check(work);
    await().atMost(Duration.ofSeconds(10)).until(() -> work.runs(org) == 2);
    assertThat(row().status()).isIn("PENDING", "RUNNING");
  }
}
