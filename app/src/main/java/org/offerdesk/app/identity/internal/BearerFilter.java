package org.offerdesk.app.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that looks only at requests carrying {@code Authorization: Bearer ...} (API tokens, the
 * operations token, the limit on refused tokens); every other request passes it untouched.
 */
abstract class BearerFilter extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return BearerCredentials.of(request).isEmpty();
  }

  @Override
  protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    filterBearer(request, response, chain, BearerCredentials.of(request).orElseThrow());
  }

  /** Handles a request with a bearer header; {@code secret} is what follows "Bearer ", possibly empty. */
  abstract void filterBearer(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
      String secret) throws ServletException, IOException;
}
