package org.offerdesk.app.webhooks.internal;

import java.time.Instant;
import java.util.UUID;

/** One event on its way to one endpoint, as the delivery log shows it. */
record Delivery(UUID id, UUID organizationId, UUID endpointId, String eventId, String eventType,
    DeliveryStatus status, int series, int attempts, Integer lastResponseStatus, String lastResponseExcerpt,
    String lastError, Instant createdAt, Instant lastAttemptAt, Instant deliveredAt) {

  /** One HTTP attempt of a delivery; {@code series} counts manual redeliveries, {@code number} counts from 1 in each. */
  record Attempt(UUID id, int series, int number, Instant attemptedAt, Integer responseStatus,
      String responseExcerpt, String error, long durationMs) {}
}
