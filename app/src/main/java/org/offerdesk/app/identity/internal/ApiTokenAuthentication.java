package org.offerdesk.app.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.offerdesk.app.web.Problems;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Authenticates {@code Authorization: Bearer <token>} on API requests; a bad token is refused outright. */
class ApiTokenAuthentication extends BearerFilter {

  private final CallerDirectory callers;
  private final ObjectMapper mapper;

  ApiTokenAuthentication(CallerDirectory callers, ObjectMapper mapper) {
    this.callers = callers;
    this.mapper = mapper;
  }

  @Override
  void filterBearer(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String secret)
      throws ServletException, IOException {
    Instant now = callers.clock().now();
    Optional<ApiTokens.WithOrganization> found = callers.tokenWithSecret(secret, now);
    if (found.isEmpty()) {
      refuse(request, response, "The API token is not valid");
      return;
    }
    ApiToken token = found.get().token();
    switch (token.statusAt(now)) {
      case REVOKED -> refuse(request, response, "The API token was revoked");
      case EXPIRED -> refuse(request, response, "The API token expired at " + token.expiresAt());
      case ACTIVE -> {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(CallerAuthorities.authentication(callers.forTokenUsedAt(found.get(), now)));
        SecurityContextHolder.setContext(context);
        try {
          chain.doFilter(request, response);
        } finally {
          SecurityContextHolder.clearContext();
        }
      }
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + detail + "\"");
    Problems.unauthenticated(response, mapper, request, detail);
  }
}
