package org.offerdesk.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestsInFlightTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicInteger entered = new AtomicInteger();
  private final AtomicInteger readsInside = new AtomicInteger();
  private final AtomicInteger mostReadsInside = new AtomicInteger();

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
  }

  /** A chain that counts who is inside and holds every caller until {@link #release}. */
  private final FilterChain holding = (request, response) -> {
    boolean read = ((MockHttpServletRequest) request).getRequestURI().startsWith("/api/v1/offers")
        && "GET".equals(((MockHttpServletRequest) request).getMethod());
    if (read) {
      mostReadsInside.accumulateAndGet(readsInside.incrementAndGet(), Math::max);
    }
    inside.incrementAndGet();
    entered.incrementAndGet();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inside.decrementAndGet();
      if (read) {
        readsInside.decrementAndGet();
      }
    }
  };

  private Future<?> send(RequestsInFlight filter, String method, String path) {
    return pool.submit(() -> {
      filter.doFilter(new MockHttpServletRequest(method, path), new MockHttpServletResponse(), holding);
      return null;
    });
  }

  @Test
  void runsAtMostTheLimitOfReadsAtOnceAndTheOthersInTurn() throws Exception {
    RequestsInFlight filter = new RequestsInFlight(2, 0, Duration.ofMinutes(5));
    List<Future<?>> reads = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      reads.add(send(filter, "GET", "/api/v1/offers"));
    }
    await().until(() -> entered.get() == 2);
    // Writes (their own permits, here none), health and static files pass the two reads that hold the permits.
    send(filter, "POST", "/api/v1/offers");
    send(filter, "GET", "/actuator/health");
    send(filter, "GET", "/css/app.css");
    await().until(() -> entered.get() == 5);
    assertThat(inside.get()).isEqualTo(5);
    assertThat(readsInside.get()).isEqualTo(2);
    release.countDown();
    for (Future<?> read : reads) {
      read.get(1, TimeUnit.MINUTES);
    }
    assertThat(entered.get()).isEqualTo(8);
    assertThat(mostReadsInside.get()).isEqualTo(2);
  }

  @Test
  void runsAtMostTheLimitOfWritesAtOnceAndTheOthersInTurnBesideTheReads() throws Exception {
    RequestsInFlight filter = new RequestsInFlight(1, 2, Duration.ofMinutes(5));
    List<Future<?>> writes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      writes.add(send(filter, i % 2 == 0 ? "POST" : "PUT", "/api/v1/offers"));
    }
    await().until(() -> entered.get() == 2);
    // A read and the health endpoint pass the two writes that hold the write permits.
    send(filter, "GET", "/api/v1/offers");
    send(filter, "POST", "/actuator/health");
    await().until(() -> entered.get() == 4);
    assertThat(inside.get()).isEqualTo(4);
    release.countDown();
    for (Future<?> write : writes) {
      write.get(1, TimeUnit.MINUTES);
    }
    assertThat(entered.get()).isEqualTo(6);
  }

  @Test
  void aReadThatWaitedTheLongestWaitRunsAnyway() throws Exception {
    RequestsInFlight filter = new RequestsInFlight(1, 1, Duration.ofMillis(50));
    send(filter, "GET", "/offers");
    await().until(() -> entered.get() == 1);
    Future<?> second = send(filter, "GET", "/offers");
    await().until(() -> entered.get() == 2);
    release.countDown();
    second.get(1, TimeUnit.MINUTES);
  }

  @Test
  void zeroTurnsItOffAndTheDefaultIsTwiceTheProcessorsAtLeastFour() throws Exception {
    RequestsInFlight off = new RequestsInFlight(0, 0, Duration.ofMinutes(5));
    assertThat(off.readLimit()).isZero();
    assertThat(off.writeLimit()).isZero();
    for (int i = 0; i < 6; i++) {
      send(off, i % 2 == 0 ? "GET" : "POST", "/api/v1/offers");
    }
    await().until(() -> entered.get() == 6);
    assertThat(RequestsInFlight.defaultLimit(1)).isEqualTo(4);
    assertThat(RequestsInFlight.defaultLimit(2)).isEqualTo(4);
    assertThat(RequestsInFlight.defaultLimit(8)).isEqualTo(16);
    RequestsInFlight defaults = new RequestsInFlight(-1, -1, Duration.ofSeconds(1));
    assertThat(defaults.readLimit()).isEqualTo(RequestsInFlight.defaultLimit(Runtime.getRuntime().availableProcessors()));
    assertThat(defaults.writeLimit()).isEqualTo(defaults.readLimit());
  }
}
