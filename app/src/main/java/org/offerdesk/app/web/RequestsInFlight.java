package org.offerdesk.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs at most {@code offerdesk.web.reads-in-flight} reads (GET and HEAD of the API and the console) at once, and
 * at most {@code offerdesk.web.writes-in-flight} writes (the other methods), each kind in its own turn, the others
 * waiting first come, first served. A request is CPU on this machine (its request thread and its database's
 * backend); when more of them run than the cores can, they share the cores in small slices and each one's time
 * grows with every other's, so all of a burst come out late together. Queued instead, each runs nearly alone once
 * its turn comes, and waits about as long as the ones before it take: the mean is the same, the median and the
 * tail much shorter (50 publishers at once: the early ones' publish jobs start while the later ones still create).
 * Reads and writes have permits of their own, so that the reads of those already waiting for an offer do not queue
 * the writes behind them, nor the reverse. Default for each: twice the processors the JVM sees (one for the request
 * thread and one for its backend per core), at least 4; 0 turns it off. The health and metrics endpoints and static
 * files are not counted. A request that waited {@code offerdesk.web.reads-max-wait} runs anyway, so a slow download,
 * a write waiting on the marketplace or a request that reads this server itself only ever costs the others that
 * long, as before this filter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RequestsInFlight extends OncePerRequestFilter {

  private final Semaphore reads;
  private final Semaphore writes;
  private final int readLimit;
  private final int writeLimit;
  private final long maxWaitNanos;

  RequestsInFlight(@Value("${offerdesk.web.reads-in-flight:-1}") int configuredReads,
      @Value("${offerdesk.web.writes-in-flight:-1}") int configuredWrites,
      @Value("${offerdesk.web.reads-max-wait:PT1S}") Duration maxWait) {
    this.readLimit = limitOf(configuredReads);
    this.writeLimit = limitOf(configuredWrites);
    this.reads = readLimit == 0 ? null : new Semaphore(readLimit, true);
    this.writes = writeLimit == 0 ? null : new Semaphore(writeLimit, true);
    this.maxWaitNanos = maxWait.toNanos();
  }

  private static int limitOf(int configured) {
    return configured < 0 ? defaultLimit(Runtime.getRuntime().availableProcessors()) : configured;
  }

  /** Twice the processors, at least 4. */
  static int defaultLimit(int processors) {
    return Math.max(4, 2 * processors);
  }

  /** How many reads run at once (0: no limit). */
  int readLimit() {
    return readLimit;
  }

  /** How many writes run at once (0: no limit). */
  int writeLimit() {
    return writeLimit;
  }

  private Semaphore permitsFor(HttpServletRequest request) {
    String method = request.getMethod();
    return "GET".equals(method) || "HEAD".equals(method) ? reads : writes;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    if (permitsFor(request) == null) {
      return true;
    }
    String path = request.getRequestURI();
    return path.startsWith("/actuator/") || StaticLinks.isStaticFile(path) || path.equals("/favicon.ico");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Semaphore permits = permitsFor(request);
    boolean acquired;
    try {
      acquired = permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      if (acquired) {
        permits.release();
      }
    }
  }
}
