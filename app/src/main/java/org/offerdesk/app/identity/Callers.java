package org.offerdesk.app.identity;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the request being handled on this thread. */
public final class Callers {

  private Callers() {}

  public static Optional<Caller> current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.getPrincipal() instanceof Caller caller ? Optional.of(caller) : Optional.empty();
  }

  public static Caller require() {
    return current().orElseThrow(() -> new IllegalStateException("No authenticated caller on this request"));
  }
}
