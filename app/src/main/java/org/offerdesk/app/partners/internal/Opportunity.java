package org.offerdesk.app.partners.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.offerdesk.app.marketplace.SharedAuthorization;

/**
 * A reseller's opportunity: a resale authorization a manufacturer shared with it, as last synced, and when
 * the reseller first saw it.
 */
record Opportunity(UUID organizationId, SharedAuthorization authorization, Instant receivedAt, Instant syncedAt) {

  /** Whether an offer can be made on it today, and if not, why not. */
  enum State { AVAILABLE, USED_UP, EXPIRED, DEACTIVATED }

  State state(LocalDate today) {
    if (!authorization.active()) {
      return State.DEACTIVATED;
    }
    if (authorization.expiredOn(today)) {
      return State.EXPIRED;
    }
    return authorization.usesLeft().filter(left -> left == 0).isPresent() ? State.USED_UP : State.AVAILABLE;
  }
}
