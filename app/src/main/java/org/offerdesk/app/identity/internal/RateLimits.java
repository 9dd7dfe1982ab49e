package org.offerdesk.app.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.offerdesk.app.runtime.SecurityClock;
import org.offerdesk.app.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The limits on guessing, per client address and per account, next to the account lockout of
 * {@link SignInEvents}: failed sign-ins per address, failed bearer authentications per address, and API
 * token creation per address and per account. In memory, so per instance. The address is the connection's
 * (behind a proxy, set {@code server.forward-headers-strategy} so that it is the client's).
 */
@Component
class RateLimits {

  final AttemptLimit failedSignInsPerAddress;
  final AttemptLimit failedBearersPerAddress;
  final AttemptLimit tokenIssuesPerAddress;
  final AttemptLimit tokenIssuesPerAccount;
  private final ObjectMapper mapper;

  RateLimits(SecurityClock clock, ObjectMapper mapper,
      @Value("${offerdesk.security.rate-limit.window:PT15M}") Duration window,
      @Value("${offerdesk.security.rate-limit.failed-sign-ins-per-address:20}") int failedSignIns,
      @Value("${offerdesk.security.rate-limit.failed-bearers-per-address:30}") int failedBearers,
      @Value("${offerdesk.security.rate-limit.token-issues-per-address:60}") int tokenIssuesPerAddress,
      @Value("${offerdesk.security.rate-limit.token-issues-per-account:20}") int tokenIssuesPerAccount) {
    this.failedSignInsPerAddress = new AttemptLimit(clock, failedSignIns, window);
    this.failedBearersPerAddress = new AttemptLimit(clock, failedBearers, window);
    this.tokenIssuesPerAddress = new AttemptLimit(clock, tokenIssuesPerAddress, window);
    this.tokenIssuesPerAccount = new AttemptLimit(clock, tokenIssuesPerAccount, window);
    this.mapper = mapper;
  }

  /** Answers an API request 429 with {@code Retry-After}. */
  void tooManyRequests(HttpServletRequest request, HttpServletResponse response, Duration wait, String detail)
      throws IOException {
    response.setHeader("Retry-After", String.valueOf(AttemptLimit.seconds(wait)));
    Problems.tooManyRequests(response, mapper, request, detail);
  }

  static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().compareTo(b.get()) >= 0 ? a : b;
  }
}
