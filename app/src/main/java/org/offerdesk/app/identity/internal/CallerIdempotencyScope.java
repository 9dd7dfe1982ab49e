package org.offerdesk.app.identity.internal;

import java.util.Optional;
import org.offerdesk.app.identity.Callers;
import org.offerdesk.app.web.IdempotencyScope;
import org.springframework.stereotype.Component;

/** Idempotency keys are per credential: one namespace per API token, one per user. */
@Component
class CallerIdempotencyScope implements IdempotencyScope {

  @Override
  public Optional<String> current() {
    return Callers.current().map(c -> c.organizationId() + "/"
        + (c.isToken() ? "token:" + c.tokenId() : "user:" + c.userId()));
  }
}
