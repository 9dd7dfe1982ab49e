package org.offerdesk.app.identity.internal;

import java.time.Instant;
import java.util.UUID;
import org.offerdesk.app.identity.Role;

/** An API token as stored: its secret only as a hash, and a short prefix to recognise it by. */
record ApiToken(
    UUID id,
    UUID organizationId,
    String name,
    Role role,
    String secretHash,
    String secretPrefix,
    String createdBy,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {

  enum Status { ACTIVE, EXPIRED, REVOKED }

  Status statusAt(Instant now) {
    if (revokedAt != null) {
      return Status.REVOKED;
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      return Status.EXPIRED;
    }
    return Status.ACTIVE;
  }
}
