package org.offerdesk.app.orders.internal;

import java.time.Instant;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.orders.RenewalStatus;

/**
 * The renewal of one order's agreement as it nears its end: the order's facts the renewals table shows, the
 * renewal's status, why the customer left (when churned), the renewal offer drafted for it and the order that
 * renewed it. Its id is the order's.
 */
record Renewal(
    UUID id,
    UUID organizationId,
    String agreementId,
    String buyerAccountId,
    String productId,
    Instant endsAt,
    Money contractValue,
    String owner,
    RenewalStatus status,
    String churnReason,
    UUID renewalOfferId,
    UUID renewedByOrderId,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  String currency() {
    return contractValue == null ? null : contractValue.currency().getCurrencyCode();
  }

  Renewal moved(RenewalStatus next, String reason, Instant at) {
    return new Renewal(id, organizationId, agreementId, buyerAccountId, productId, endsAt, contractValue, owner, next,
        next == RenewalStatus.CHURNED ? reason : null, renewalOfferId, renewedByOrderId, version, createdAt, at);
  }

  Renewal withOffer(UUID offerId, Instant at) {
    return new Renewal(id, organizationId, agreementId, buyerAccountId, productId, endsAt, contractValue, owner, status,
        churnReason, offerId, renewedByOrderId, version, createdAt, at);
  }

  Renewal renewedBy(UUID orderId, Instant at) {
    return new Renewal(id, organizationId, agreementId, buyerAccountId, productId, endsAt, contractValue, owner,
        RenewalStatus.RENEWED, null, renewalOfferId, orderId, version, createdAt, at);
  }
}
