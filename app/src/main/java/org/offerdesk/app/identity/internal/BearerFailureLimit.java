package org.offerdesk.app.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * An address that keeps sending bearer tokens that are refused (401) is guessing: after too many, every
 * bearer request from it is answered 429 until the window passes, whether its token is good or not, so
 * the answer tells a guesser nothing.
 */
class BearerFailureLimit extends BearerFilter {

  private final RateLimits limits;

  BearerFailureLimit(RateLimits limits) {
    this.limits = limits;
  }

  @Override
  void filterBearer(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String secret)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    Optional<Duration> wait = limits.failedBearersPerAddress.retryAfter(address);
    if (wait.isPresent()) {
      limits.tooManyRequests(request, response, wait.get(),
          "Too many requests with a refused bearer token from your address; wait before trying again");
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      limits.failedBearersPerAddress.record(address);
    }
  }
}
