package org.offerdesk.app.webhooks.internal;

/**
 * A delivery's lifecycle: PENDING until its first attempt, RETRYING after a failed one, DELIVERED once a
 * receiver answered 2xx, FAILED when the last attempt failed (its job is parked) or the endpoint was
 * disabled before it was sent. A manual redeliver starts a new series of attempts from PENDING.
 */
enum DeliveryStatus {
  PENDING,
  RETRYING,
  DELIVERED,
  FAILED;

  boolean canMoveTo(DeliveryStatus next) {
    return switch (this) {
      case PENDING, RETRYING -> next == RETRYING || next == DELIVERED || next == FAILED || next == PENDING;
      // A parked job retried by an admin from Background jobs runs again.
      case FAILED -> next == PENDING || next == RETRYING || next == DELIVERED || next == FAILED;
      case DELIVERED -> next == PENDING;
    };
  }

  /** The state an attempt leaves a delivery in. */
  static DeliveryStatus after(boolean delivered, boolean lastAttempt) {
    return delivered ? DELIVERED : lastAttempt ? FAILED : RETRYING;
  }
}
