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

class ReadsInFlightTest {

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

  private Future<?> send(ReadsInFlight filter, String method, String path) {
    return pool.submit(() -> {
      filter.doFilter(new MockHttpServletRequest(method, path), new MockHttpServletResponse(), holding);
      return null;
    });
  }

  @Test
  void runsAtMostTheLimitOfReadsAtOnceAndTheOthersInTurn() throws Exception {
    ReadsInFlight filter = new ReadsInFlight(2, Duration.ofMinutes(5));
    List<Future<?>> reads = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      reads.add(send(filter, "GET", "/api/v1/offers"));
    }
    await().until(() -> entered.get() == 2);
    // Writes, health and static files are not counted: they pass the two reads that hold the permits.
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
  void aReadThatWaitedTheLongestWaitRunsAnyway() throws Exception {
    ReadsInFlight filter = new ReadsInFlight(1, Duration.ofMillis(50));
    send(filter, "GET", "/offers");
    await().until(() -> entered.get() == 1);
    Future<?> second = send(filter, "GET", "/offers");
    await().until(() -> entered.get() == 2);
    release.countDown();
    second.get(1, TimeUnit.MINUTES);
  }

  @Test
  void zeroTurnsItOffAndTheDefaultIsTwiceTheProcessorsAtLeastFour() throws Exception {
    ReadsInFlight off = new ReadsInFlight(0, Duration.ofMinutes(5));
    assertThat(off.limit()).isZero();
    for (int i = 0; i < 6; i++) {
      send(off, "GET", "/api/v1/offers");
    }
    await().until(() -> entered.get() == 6);
    assertThat(ReadsInFlight.defaultLimit(1)).isEqualTo(4);
    assertThat(ReadsInFlight.defaultLimit(2)).isEqualTo(4);
    assertThat(ReadsInFlight.defaultLimit(8)).isEqualTo(16);
    assertThat(new ReadsInFlight(-1, Duration.ofSeconds(1)).limit())
        .isEqualTo(ReadsInFlight.defaultLimit(Runtime.getRuntime().availableProcessors()));
  }
}
