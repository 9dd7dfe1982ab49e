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
 * Runs at most {@code offerdesk.web.reads-in-flight} reads (GET and HEAD of the API and the console) at once, the
 * others waiting their turn first come, first served. A read is CPU on this machine (its request thread and its
 * database's backend); when more of them run than the cores can, they share the cores in small slices and each
 * one's time grows with every other's, so a few come out many times slower than the rest. Queued instead, each
 * runs nearly alone once its turn comes, and waits about as long as the ones before it take: the mean is the same,
 * the tail much shorter. Default: twice the processors the JVM sees (one for the request thread and one for its
 * backend per core), at least 4; 0 turns it off. Writes are not counted (a publish or a marketplace call may wait
 * on the network), nor the health and metrics endpoints, nor static files. A read that waited {@code
 * offerdesk.web.reads-max-wait} runs anyway, so a slow download, or a request that reads this server itself, only
 * ever costs the others that long, as before this filter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ReadsInFlight extends OncePerRequestFilter {

  private final Semaphore permits;
  private final int limit;
  private final long maxWaitNanos;

  ReadsInFlight(@Value("${offerdesk.web.reads-in-flight:-1}") int configured,
      @Value("${offerdesk.web.reads-max-wait:PT1S}") Duration maxWait) {
    this.limit = configured < 0 ? defaultLimit(Runtime.getRuntime().availableProcessors()) : configured;
    this.permits = limit == 0 ? null : new Semaphore(limit, true);
    this.maxWaitNanos = maxWait.toNanos();
  }

  /** Twice the processors, at least 4. */
  static int defaultLimit(int processors) {
    return Math.max(4, 2 * processors);
  }

  /** How many reads run at once (0: no limit). */
  int limit() {
    return limit;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    if (permits == null) {
      return true;
    }
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return true;
    }
    String path = request.getRequestURI();
    return path.startsWith("/actuator/") || StaticLinks.isStaticFile(path) || path.equals("/favicon.ico");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
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
