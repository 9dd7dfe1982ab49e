package org.offerdesk.app.identity.internal;

import java.time.Instant;
import java.util.UUID;
import org.offerdesk.app.identity.Role;

/** A user of an organization. */
record Member(
    UUID id,
    UUID organizationId,
    String email,
    String displayName,
    Role role,
    String passwordHash,
    boolean active,
    int failedSignIns,
    Instant lockedUntil,
    Instant createdAt,
    int version) {

  boolean lockedAt(Instant now) {
    return lockedUntil != null && lockedUntil.isAfter(now);
  }
}
