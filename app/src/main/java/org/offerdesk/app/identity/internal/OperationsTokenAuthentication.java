package org.offerdesk.app.identity.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.List;
import org.offerdesk.app.web.Problems;
import org.offerdesk.app.web.TokenHash;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The operations token ({@code OFFERDESK_METRICS_TOKEN}) on {@code /actuator/**}: {@code Authorization:
 * Bearer <token>} compared in constant time, granting {@link #ROLE} (metrics, health details) and nothing
 * else. Without a configured token every bearer is refused and only an admin's session reads operations
 * endpoints.
 */
class OperationsTokenAuthentication extends BearerFilter {

  static final String ROLE = "OPERATIONS";

  private final byte[] expected;
  private final ObjectMapper mapper;

  OperationsTokenAuthentication(String token, ObjectMapper mapper) {
    this.expected = token == null || token.isBlank() ? null : TokenHash.bytes(token.strip());
    this.mapper = mapper;
  }

  @Override
  void filterBearer(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String secret)
      throws ServletException, IOException {
    // Hashing first makes the comparison's time independent of the presented token's length too.
    if (expected == null || !MessageDigest.isEqual(expected, TokenHash.bytes(secret))) {
      response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      Problems.unauthenticated(response, mapper, request, "The operations token is not valid");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("operations", null,
        List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
