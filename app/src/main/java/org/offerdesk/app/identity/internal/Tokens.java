package org.offerdesk.app.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.runtime.SecurityClock;
import org.offerdesk.app.web.CursorPage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Issuing, listing and revoking an organization's API tokens. */
@Service
record Tokens(ApiTokens tokens, AuditLog audit, SecurityClock clock, TransactionTemplate tx) {

  /** A token just issued, with the secret that is shown this once and never again. */
  record IssuedToken(ApiToken token, String secret) {}

  /** What a caller asks for when issuing a token. */
  record TokenRequest(String name, Role role, Integer expiresInDays) {}

  IssuedToken issue(Caller caller, TokenRequest request) {
    return tx.execute(status -> issueNow(caller, request));
  }

  private IssuedToken issueNow(Caller caller, TokenRequest request) {
    List<FieldError> errors = new ArrayList<>();
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > 100) {
      errors.add(new FieldError("name", "must be 1 to 100 characters"));
    }
    Role role = request.role() == null ? caller.role() : request.role();
    if (role.organizationKind() != caller.organizationKind()) {
      errors.add(new FieldError("role", "must be one of " + Role.forKind(caller.organizationKind())));
    }
    Integer days = request.expiresInDays();
    if (days != null && (days < 1 || days > 3650)) {
      errors.add(new FieldError("expiresInDays", "must be between 1 and 3650"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    Instant now = clock.now();
    String secret = TokenSecrets.generate();
    ApiToken token = new ApiToken(UUID.randomUUID(), caller.organizationId(), name, role, TokenSecrets.hash(secret),
        TokenSecrets.displayPrefix(secret), caller.describe(), Times.micros(now),
        days == null ? null : Times.micros(now.plus(Duration.ofDays(days))), null, null);
    tokens.add(token);
    audit.record(caller, "token.created", "token " + name + " (" + token.id() + ")", "role " + role);
    return new IssuedToken(token, secret);
  }

  ApiToken revoke(Caller caller, UUID id) {
    return tx.execute(status -> revokeNow(caller, id));
  }

  private ApiToken revokeNow(Caller caller, UUID id) {
    ApiToken token = tokens.byId(caller.organizationId(), id).orElseThrow(() -> new NotFound("Token " + id));
    if (tokens.revoke(caller.organizationId(), id, clock.now())) {
      audit.record(caller, "token.revoked", "token " + token.name() + " (" + id + ")", null);
    }
    return tokens.byId(caller.organizationId(), id).orElseThrow();
  }

  CursorPage<ApiToken> list(Caller caller, String cursor, Integer limit) {
    return tokens.list(caller.organizationId(), cursor, CursorPage.limit(limit));
  }

  ApiToken get(Caller caller, UUID id) {
    return tokens.byId(caller.organizationId(), id).orElseThrow(() -> new NotFound("Token " + id));
  }

  Instant now() {
    return clock.now();
  }
}
