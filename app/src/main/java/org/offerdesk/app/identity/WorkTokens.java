package org.offerdesk.app.identity;

import java.time.Duration;
import java.util.UUID;

/**
 * Short-lived API tokens for work OfferDesk does on an organization's behalf through its own public API, the
 * way a person's script would (the demo's seeded history). Each is issued and revoked in the audit log.
 */
public interface WorkTokens {

  /** A token just issued: its id (to revoke it) and the secret, known only to the caller. */
  record WorkToken(UUID id, String secret) {}

  /** Issues a token of the organization with its admin role for its kind, valid for {@code lifetime}. */
  WorkToken issue(UUID organizationId, String name, Duration lifetime);

  /** Revokes it: it stops working at once. */
  void revoke(UUID organizationId, UUID tokenId);
}
