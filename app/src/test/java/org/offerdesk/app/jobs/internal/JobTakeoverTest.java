package org.offerdesk.app.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.offerdesk.app.OfferDeskApplication;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.jobs.JobStatus;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.support.OwnContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Two OfferDesk instances on one database, both on loopback: every job runs once while both are healthy,
 * and a job held by an instance that stops heartbeating without shutting down (what {@code kill -9} leaves)
 * is run by the other within the takeover time, while a long job of a live instance keeps its claim.
 */
@OfferDeskTest
@TestPropertySource(properties = {"offerdesk.jobs.takeover-after=PT2S", "offerdesk.test.instance-name=A"})
@Import(JobTakeoverTest.TakeoverHandlers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@OwnContext
class JobTakeoverTest {

  static final Duration TAKEOVER = Duration.ofSeconds(2);

  /** One run of a job: which instance ran it. */
  record Run(String instance, String name, int attempt) {}

  static final List<Run> RUNS = new CopyOnWriteArrayList<>();
  static final CountDownLatch HOLD_STARTED = new CountDownLatch(1);
  static final CountDownLatch RELEASE = new CountDownLatch(1);
  static final CountDownLatch HOLD_RETURNED = new CountDownLatch(1);
  static final AtomicReference<String> HOLDER = new AtomicReference<>();
  static final AtomicReference<Instant> HELD_SINCE = new AtomicReference<>();

  /** Records each run by instance; the first run of a "hold" job blocks until the test releases it. */
  static class RecordingHandler implements JobHandler {
    private final String instance;

    RecordingHandler(String instance) {
      this.instance = instance;
    }

    @Override
    public String kind() {
      return "test.takeover";
    }

    @Override
    public void handle(Job job) throws InterruptedException {
      String name = job.payload().get("name").asText();
      RUNS.add(new Run(instance, name, job.attempt()));
      if (name.startsWith("hold") && HOLDER.compareAndSet(null, instance)) {
        HELD_SINCE.set(Instant.now());
        HOLD_STARTED.countDown();
        try {
          RELEASE.await(2, TimeUnit.MINUTES);
        } finally {
          HOLD_RETURNED.countDown();
        }
      }
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class TakeoverHandlers {
    @Bean
    RecordingHandler takeoverHandler(@Value("${offerdesk.test.instance-name:B}") String instance) {
      return new RecordingHandler(instance);
    }
  }

  @Autowired Jobs jobs;
  @Autowired JobWorker worker;
  @Autowired JdbcClient jdbc;
  @Autowired Environment environment;
  @Autowired ApplicationContext context;

  ConfigurableApplicationContext twin;
  TestTenants.Tenant tenant;

  @BeforeAll
  void startTheSecondInstance() {
    tenant = new TestTenants(context).seller("Takeover Co");
    twin = new SpringApplicationBuilder(OfferDeskApplication.class, TakeoverHandlers.class).run(
        "--server.port=0", "--server.address=127.0.0.1", "--offerdesk.sandbox.enabled=false",
        "--offerdesk.database.url=" + environment.getProperty("offerdesk.database.url"),
        "--offerdesk.database.username=" + environment.getProperty("offerdesk.database.username"),
        "--offerdesk.database.password=" + environment.getProperty("offerdesk.database.password"),
        "--offerdesk.secret-key=" + environment.getProperty("offerdesk.secret-key"),
        "--offerdesk.admin-password=demo-password-123", "--offerdesk.jobs.poll-interval=PT0.1S",
        "--offerdesk.jobs.takeover-after=" + TAKEOVER, "--offerdesk.test.instance-name=B",
        "--offerdesk.events.poll-interval=PT0.2S", "--offerdesk.orders.sweep-interval=PT1H",
        "--offerdesk.offers.sweep-interval=PT1H", "--spring.main.banner-mode=off");
  }

  @AfterAll
  void stopTheSecondInstance() {
    RELEASE.countDown();
    if (twin != null) {
      twin.getBean(JobWorker.class).stop(); // the frozen instance's runner threads, which close() would not end
      twin.close();
    }
  }

  UUID schedule(String name) {
    return jobs.scheduleNow("test.takeover", tenant.organizationId(), Map.of("name", name), name);
  }

  String owner(UUID job) {
    return jdbc.sql("SELECT locked_by FROM job WHERE id = ?").param(job).query(String.class).single();
  }

  @Test
  void with_both_instances_healthy_every_job_runs_exactly_once() {
    List<String> names = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String name = "healthy-" + i + "-" + UUID.randomUUID();
      names.add(name);
      ids.add(schedule(name));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
        .allMatch(id -> jobs.status(id).orElseThrow() == JobStatus.DONE));
    for (String name : names) {
      assertThat(RUNS.stream().filter(r -> r.name().equals(name)).count()).as(name).isEqualTo(1);
    }
  }

  @Test
  void a_job_held_by_an_instance_that_stopped_heartbeating_is_run_by_the_other_within_the_takeover_time() {
    // Only the second instance claims at first, so that it is the one to "crash" (this one serves the test).
    worker.stop();
    UUID held;
    try {
      held = schedule("hold-" + UUID.randomUUID());
      await().atMost(Duration.ofSeconds(20)).until(() -> HOLD_STARTED.getCount() == 0);
      assertThat(HOLDER.get()).isEqualTo("B");
    } finally {
      worker.start();
    }
    String b = owner(held);

    // A job that really runs long keeps its claim while its owner heartbeats: twice the takeover time later
    // this (live, polling) instance has not taken it.
    Instant longAfter = HELD_SINCE.get().plus(TAKEOVER.multipliedBy(2)).plusMillis(500);
    await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(longAfter));
    assertThat(jobs.status(held)).contains(JobStatus.RUNNING);
    assertThat(owner(held)).isEqualTo(b);
    assertThat(RUNS.stream().filter(r -> r.name().startsWith("hold"))).hasSize(1);

    // B stops dead: no heartbeat, no poll, no shutdown; its handler thread still blocks in the job.
    twin.getBean(JobWorker.class).haltWithoutShutdown();
    await().atMost(TAKEOVER.plus(Duration.ofSeconds(10))).until(() -> jobs.status(held).orElseThrow()
        == JobStatus.DONE);
    List<Run> holds = RUNS.stream().filter(r -> r.name().startsWith("hold")).toList();
    assertThat(holds).extracting(Run::instance).containsExactly("B", "A");
    assertThat(holds.get(1).attempt()).isEqualTo(2);
    assertThat(owner(held)).isNotEqualTo(b);

    // When the frozen instance's handler finally returns, it finds the job taken over and changes nothing.
    RELEASE.countDown();
    String a = owner(held);
    await().atMost(Duration.ofSeconds(10)).until(() -> HOLD_RETURNED.getCount() == 0);
    // Its worker records nothing after the handler returns on that thread; read once the thread is idle.
    await().atMost(Duration.ofSeconds(10)).until(() -> RUNS.stream().filter(r -> r.name().startsWith("hold"))
        .count() == 2 && jobs.status(held).orElseThrow() == JobStatus.DONE);
    assertThat(owner(held)).isEqualTo(a);
    assertThat(jdbc.sql("SELECT last_error FROM job WHERE id = ?").param(held).query(String.class).optional()
        .orElse(null)).isNull();
  }
}
