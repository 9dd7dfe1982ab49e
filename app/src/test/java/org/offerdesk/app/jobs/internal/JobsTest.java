package org.offerdesk.app.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.jobs.JobStatus;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.MutableClock;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.support.OwnContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@OfferDeskTest
@Import(JobsTest.Handlers.class)
@OwnContext
class JobsTest {

  /** Records every run; fails while {@code failuresLeft} says so. */
  static class RecordingHandler implements JobHandler {
    final String kind;
    final int maxAttempts;
    final List<String> runs = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    RecordingHandler(String kind, int maxAttempts) {
      this.kind = kind;
      this.maxAttempts = maxAttempts;
    }

    @Override
    public String kind() {
      return kind;
    }

    @Override
    public int maxAttempts() {
      return maxAttempts;
    }

    @Override
    public Duration retryDelay(int attempt) {
      return Duration.ZERO;
    }

    @Override
    public void handle(Job job) {
      String name = job.payload().get("name").asText();
      AtomicInteger left = failuresLeft.get(name);
      if (left != null && left.getAndDecrement() > 0) {
        throw new IllegalStateException("planned failure of " + name);
      }
      runs.add(name);
    }
  }

  /** Waits, at most a minute, until the test lets a job go on. */
  static void awaitAnswer(CountDownLatch answer) {
    try {
      answer.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A recording job that calls out, and {@code answer}, which lets it go on where it waits. */
  abstract static class CallingOutHandler extends RecordingHandler {
    volatile CountDownLatch answer = new CountDownLatch(0);

    CallingOutHandler(String kind) {
      super(kind, 3);
    }

    @Override
    public boolean callsOut() {
      return true;
    }
  }

  /** A job that calls out: records its run, and waits for {@code answer} while {@code holding} says so. */
  static class CallingOutRecordingHandler extends CallingOutHandler {
    final Set<String> holding = ConcurrentHashMap.newKeySet();
    final Set<String> waiting = ConcurrentHashMap.newKeySet();

    CallingOutRecordingHandler() {
      super("test.call");
    }

    @Override
    public void handle(Job job) {
      String name = job.payload().get("name").asText();
      if (holding.contains(name)) {
        waiting.add(name);
        try {
          awaitAnswer(answer);
        } finally {
          waiting.remove(name);
        }
      }
      super.handle(job);
    }
  }

  /**
   * A job that calls out and, on its first run, waits an hour ({@link org.offerdesk.app.jobs.RetryLater}) once
   * {@code answer} lets it go on; later runs record it.
   */
  static class WaitingHandler extends CallingOutHandler {
    final Set<String> looking = ConcurrentHashMap.newKeySet();
    final Set<String> waitedOnce = ConcurrentHashMap.newKeySet();

    WaitingHandler() {
      super("test.wait");
    }

    @Override
    public void handle(Job job) {
      String name = job.payload().get("name").asText();
      if (waitedOnce.add(name)) {
        looking.add(name);
        awaitAnswer(answer);
        throw new org.offerdesk.app.jobs.RetryLater(Duration.ofHours(1), "not there yet");
      }
      super.handle(job);
    }
  }

  /**
   * The test handlers, imported by this class and {@link RecurringWorkTest} alike so that the two share one context.
   * Not {@code @TestConfiguration}: Spring Boot adds a nested one to its own test class's configuration, which gave
   * this class a context apart from RecurringWorkTest's, started twice in a run.
   */
  static class Handlers {
    @Bean
    WaitingHandler waitingTestJob() {
      return new WaitingHandler();
    }

    @Bean
    RecordingHandler testJob() {
      return new RecordingHandler("test.record", 3);
    }

    @Bean
    CallingOutRecordingHandler callingOutTestJob() {
      return new CallingOutRecordingHandler();
    }

    @Bean
    RecurringWorkTest.CountingWork recurringTestWork() {
      return new RecurringWorkTest.CountingWork();
    }
  }

  @Autowired Jobs jobs;
  @Autowired JobWorker worker;
  @Autowired @org.springframework.beans.factory.annotation.Qualifier("testJob") RecordingHandler handler;
  @Autowired CallingOutRecordingHandler caller;
  @Autowired WaitingHandler waiter;
  @Autowired MutableClock clock;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcClient jdbc;
  @Autowired com.fasterxml.jackson.databind.ObjectMapper mapper;
  @Autowired JobHandlers handlers;
  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  TestTenants.Tenant tenant;

  @BeforeEach
  void setUp() {
    tenant = new TestTenants(context).seller("Jobs Co");
  }

  @Test
  void a_job_runs_once_even_when_scheduled_twice_with_its_key() {
    String key = "once-" + UUID.randomUUID();
    UUID first = jobs.scheduleNow("test.record", tenant.organizationId(), Map.of("name", key), key);
    UUID again = jobs.scheduleNow("test.record", tenant.organizationId(), Map.of("name", key), key);
    assertThat(again).isEqualTo(first);
    await().atMost(Duration.ofSeconds(10)).until(() -> jobs.status(first).orElseThrow() == JobStatus.DONE);
    assertThat(handler.runs).containsOnlyOnce(key);
  }

  @Test
  void jobs_waiting_on_a_call_out_keep_neither_each_other_nor_the_database_jobs_waiting() {
    // Six calls out hang at once: more than the four runners of jobs in a transaction, which still run theirs.
    CountDownLatch answer = new CountDownLatch(1);
    caller.answer = answer;
    List<UUID> calls = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        String name = "call-" + UUID.randomUUID();
        names.add(name);
        caller.holding.add(name);
        calls.add(jobs.scheduleNow("test.call", tenant.organizationId(), Map.of("name", name), name));
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> caller.waiting.containsAll(names));
      String local = "local-" + UUID.randomUUID();
      UUID localJob = jobs.scheduleNow("test.record", tenant.organizationId(), Map.of("name", local), local);
      await().atMost(Duration.ofSeconds(10)).until(() -> jobs.status(localJob).orElseThrow() == JobStatus.DONE);
      assertThat(caller.waiting).containsAll(names);
      assertThat(calls).allMatch(id -> jobs.status(id).orElseThrow() == JobStatus.RUNNING);
    } finally {
      answer.countDown();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> calls.stream()
        .allMatch(id -> jobs.status(id).orElseThrow() == JobStatus.DONE));
    for (String name : names) {
      assertThat(caller.runs.stream().filter(name::equals).count()).as(name).isEqualTo(1);
    }
  }

  @Test
  void a_job_expedited_while_it_runs_and_then_waits_is_due_at_once_not_after_its_wait() {
    // A change set's end announced while its look is under way must not wait for the look after next.
    CountDownLatch answer = new CountDownLatch(1);
    waiter.answer = answer;
    String key = "expedited-" + UUID.randomUUID();
    UUID id = jobs.scheduleNow("test.wait", tenant.organizationId(), Map.of("name", key), key);
    await().atMost(Duration.ofSeconds(20)).until(() -> waiter.looking.contains(key));
    assertThat(jobs.expedite(key)).isTrue();
    answer.countDown();
    await().atMost(Duration.ofSeconds(20)).until(() -> jobs.status(id).orElseThrow() == JobStatus.DONE);
    assertThat(waiter.runs).containsOnlyOnce(key);
    // Without the expedite the same wait holds for its hour.
    CountDownLatch second = new CountDownLatch(1);
    waiter.answer = second;
    String other = "not-expedited-" + UUID.randomUUID();
    UUID otherId = jobs.scheduleNow("test.wait", tenant.organizationId(), Map.of("name", other), other);
    await().atMost(Duration.ofSeconds(20)).until(() -> waiter.looking.contains(other));
    second.countDown();
    await().atMost(Duration.ofSeconds(20)).until(() -> jobs.status(otherId).orElseThrow() == JobStatus.PENDING);
    assertThat(jdbc.sql("SELECT due_at > ? FROM job WHERE id = ?")
        .params(java.sql.Timestamp.from(clock.instant().plus(Duration.ofMinutes(50))), otherId)
        .query(Boolean.class).single()).isTrue();
  }

  @Test
  void a_job_scheduled_in_a_rolled_back_transaction_never_exists() {
    String key = "rolled-back-" + UUID.randomUUID();
    tx.executeWithoutResult(status -> {
      jobs.scheduleNow("test.record", tenant.organizationId(), Map.of("name", key), key);
      status.setRollbackOnly();
    });
    assertThat(jdbc.sql("SELECT count(*) FROM job WHERE dedupe_key = ?").param(key).query(Long.class).single())
        .isZero();
  }

  @Test
  void a_future_job_waits_for_its_time_on_the_platform_clock() {
    String key = "later-" + UUID.randomUUID();
    UUID id = jobs.schedule("test.record", tenant.organizationId(), Map.of("name", key),
        clock.instant().plus(Duration.ofHours(1)), key);
    worker.poll();
    assertThat(jobs.status(id)).contains(JobStatus.PENDING);
    clock.advance(Duration.ofMinutes(61));
    await().atMost(Duration.ofSeconds(10)).until(() -> jobs.status(id).orElseThrow() == JobStatus.DONE);
    assertThat(handler.runs).contains(key);
  }

  @Test
  void a_failing_job_is_retried_then_parked_and_an_admin_retries_it() {
    String key = "flaky-" + UUID.randomUUID();
    handler.failuresLeft.put(key, new AtomicInteger(3));
    UUID id = jobs.scheduleNow("test.record", tenant.organizationId(), Map.of("name", key), key);
    await().atMost(Duration.ofSeconds(10)).until(() -> jobs.status(id).orElseThrow() == JobStatus.PARKED);
    assertThat(handler.runs).doesNotContain(key);

    Http admin = new Http(port).bearer(tenant.adminToken());
    Http.Response parked = admin.get("/api/v1/jobs?status=PARKED");
    assertThat(parked.body()).contains(id.toString()).contains("planned failure");
    assertThat(admin.postJson("/api/v1/jobs/" + id + "/retry", Map.of()).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> jobs.status(id).orElseThrow() == JobStatus.DONE);
    assertThat(handler.runs).containsOnlyOnce(key);

    Http other = new Http(port).bearer(new TestTenants(context).seller("Other Jobs Co").adminToken());
    assertThat(other.postJson("/api/v1/jobs/" + id + "/retry", Map.of()).status()).isEqualTo(404);
  }

  @Test
  void concurrent_workers_run_each_job_exactly_once() throws Exception {
    List<String> names = new ArrayList<>();
    tx.executeWithoutResult(status -> {
      for (int i = 0; i < 60; i++) {
        String name = "parallel-" + UUID.randomUUID();
        names.add(name);
        // Both lanes: jobs in a transaction and jobs that call out.
        jobs.scheduleNow(i % 2 == 0 ? "test.record" : "test.call", tenant.organizationId(), Map.of("name", name),
            name);
      }
    });
    ExecutorService pollers = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        JobOwners owner = new JobOwners(jdbc, Duration.ofSeconds(30), null);
        owner.beat(); // an owner without a heartbeat looks dead: its jobs would be taken over at once
        JobWorker instance = new JobWorker(jdbc, tx, clock, mapper, handlers, Duration.ofSeconds(1), owner,
            new RecurringSchedule(jdbc, clock, handlers), 2, 2);
        futures.add(pollers.submit(() -> {
          for (int round = 0; round < 30; round++) {
            instance.poll();
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pollers.shutdown();
    }
    List<String> runs = new ArrayList<>();
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      runs.clear();
      runs.addAll(handler.runs);
      runs.addAll(caller.runs);
      return Set.copyOf(runs).containsAll(names);
    });
    for (String name : names) {
      assertThat(runs.stream().filter(name::equals).count()).as(name).isEqualTo(1);
    }
  }

  @Test
  void the_jobs_api_pages_through_every_job_with_cursors_and_answers_errors_as_problems() {
    List<UUID> scheduled = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String key = "paged-" + UUID.randomUUID();
      scheduled.add(jobs.scheduleNow("test.record", tenant.organizationId(), Map.of("name", key), key));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> scheduled.stream()
        .allMatch(id -> jobs.status(id).orElseThrow() == JobStatus.DONE));
    List<UUID> all = jdbc.sql("SELECT id FROM job WHERE organization_id = ?").param(tenant.organizationId())
        .query(UUID.class).list();
    assertThat(all).hasSizeGreaterThan(2);

    Http admin = new Http(port).bearer(tenant.adminToken());
    List<UUID> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Http.Response page = admin.get("/api/v1/jobs?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      assertThat(page.json().at("/items").size()).isBetween(1, 2);
      page.json().at("/items").forEach(j -> seen.add(UUID.fromString(j.at("/id").asText())));
      cursor = page.json().at("/nextCursor").isTextual() ? page.json().at("/nextCursor").asText() : null;
      pages++;
    } while (cursor != null && pages < 100);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    assertThat(pages).isEqualTo((all.size() + 1) / 2);

    Http.Response filtered = admin.get("/api/v1/jobs?status=DONE&kind=test.record&limit=200");
    List<UUID> done = new ArrayList<>();
    filtered.json().at("/items").forEach(j -> {
      assertThat(j.at("/kind").asText()).isEqualTo("test.record");
      assertThat(j.at("/status").asText()).isEqualTo("DONE");
      done.add(UUID.fromString(j.at("/id").asText()));
    });
    assertThat(done).containsAll(scheduled);
    assertThat(admin.get("/api/v1/jobs?kind=no.such.kind").json().at("/items").size()).isZero();

    for (String bad : List.of("/api/v1/jobs?status=FINISHED", "/api/v1/jobs?cursor=not-a-cursor",
        "/api/v1/jobs?limit=0", "/api/v1/jobs/" + UUID.randomUUID(), "/api/v1/jobs/not-a-uuid")) {
      Http.Response r = admin.get(bad);
      assertThat(r.status()).as(bad).isIn(400, 404);
      assertThat(r.header("Content-Type")).as(bad + ": " + r.body()).startsWith("application/problem+json");
    }
    Http.Response unknownRetry = admin.postJson("/api/v1/jobs/" + UUID.randomUUID() + "/retry", Map.of());
    assertThat(unknownRetry.status()).isEqualTo(404);
    assertThat(unknownRetry.header("Content-Type")).startsWith("application/problem+json");
  }
}
