package org.offerdesk.app.orders.internal;

import java.time.Instant;
import java.util.UUID;
import org.offerdesk.app.money.Money;

/**
 * A refund the seller asked the marketplace for on one invoice of an order (a billing adjustment request),
 * with the marketplace's status: PENDING until it completes the refund (COMPLETED) or refuses it
 * (VALIDATION_FAILED).
 */
record Refund(UUID id, UUID organizationId, UUID orderId, String agreementId, String invoiceId, Money amount,
    String reasonCode, String description, String clientToken, String adjustmentRequestId, String status,
    String statusMessage, String requestedBy, Instant requestedAt, Instant updatedAt) {

  static final String PENDING = "PENDING";

  boolean pending() {
    return PENDING.equals(status);
  }
}
