package org.offerdesk.app.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Callers;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Creating API tokens is limited per address and per account (the signed-in user, or the token that asks),
 * on the API ({@code POST /api/v1/tokens}, answered 429 problem+json) and in the console
 * ({@code POST /settings/tokens}, answered with the 429 error page).
 */
class TokenIssueLimit extends OncePerRequestFilter {

  static final String API_PATH = "/api/v1/tokens";
  static final String CONSOLE_PATH = "/settings/tokens";

  private final RateLimits limits;

  TokenIssueLimit(RateLimits limits) {
    this.limits = limits;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !"POST".equals(request.getMethod()) || !(API_PATH.equals(path) || CONSOLE_PATH.equals(path));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Caller> caller = Callers.current();
    if (caller.isEmpty()) {
      chain.doFilter(request, response); // refused later as unauthenticated
      return;
    }
    String address = request.getRemoteAddr();
    String account = account(caller.get());
    Optional<Duration> wait = RateLimits.longest(limits.tokenIssuesPerAddress.retryAfter(address),
        limits.tokenIssuesPerAccount.retryAfter(account));
    if (wait.isPresent()) {
      if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
        limits.tooManyRequests(request, response, wait.get(),
            "Too many API tokens created in a short time; wait before creating another");
      } else {
        response.setHeader("Retry-After", String.valueOf(AttemptLimit.seconds(wait.get())));
        response.sendError(429);
      }
      return;
    }
    limits.tokenIssuesPerAddress.record(address);
    limits.tokenIssuesPerAccount.record(account);
    chain.doFilter(request, response);
  }

  private static String account(Caller caller) {
    return caller.userId() != null ? "user:" + caller.userId() : "token:" + caller.tokenId();
  }
}
