package org.offerdesk.app.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The secret of an {@code Authorization: Bearer <secret>} header, read the same way by every filter that
 * looks at bearer tokens (API tokens, the operations token, the limit on refused tokens).
 */
final class BearerCredentials {

  private static final String SCHEME = "Bearer ";

  private BearerCredentials() {}

  /** Present when the request carries a bearer header, even with an empty secret (which no token matches). */
  static Optional<String> of(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    return Optional.of(header.substring(SCHEME.length()).strip());
  }
}
