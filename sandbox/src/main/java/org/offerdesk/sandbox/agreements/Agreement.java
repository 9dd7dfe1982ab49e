package org.offerdesk.sandbox.agreements;

import java.time.Instant;

/** An agreement a buyer's acceptance of an offer created; the catalog reads it for replacement offers. */
public record Agreement(
    String agreementId, String offerId, String productId, String proposerAccountId, String acceptorAccountId,
    String status, Instant acceptanceTime, Instant startTime, Instant endTime) {

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }
}
