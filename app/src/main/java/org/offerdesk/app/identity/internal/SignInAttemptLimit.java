package org.offerdesk.app.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failed sign-ins are limited per address as well as per account ({@link SignInEvents} locks an account):
 * one address trying many accounts a few times each is stopped too. While an address is over its limit,
 * its sign-ins are not even checked; the form says to wait.
 */
class SignInAttemptLimit extends OncePerRequestFilter {

  private final RateLimits limits;

  SignInAttemptLimit(RateLimits limits) {
    this.limits = limits;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !request.getRequestURI().equals(request.getContextPath() + "/signin");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var wait = limits.failedSignInsPerAddress.retryAfter(request.getRemoteAddr());
    if (wait.isPresent()) {
      long minutes = Math.max(1, (AttemptLimit.seconds(wait.get()) + 59) / 60);
      response.sendRedirect(request.getContextPath() + "/signin?error=throttled&minutes=" + minutes);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Called by the sign-in failure handler. */
  void failed(HttpServletRequest request) {
    limits.failedSignInsPerAddress.record(request.getRemoteAddr());
  }
}
