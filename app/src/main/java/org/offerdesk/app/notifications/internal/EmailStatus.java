package org.offerdesk.app.notifications.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * An email's lifecycle, with every allowed move in {@link #canMoveTo}. QUEUED until its first delivery
 * attempt; SENT once the SMTP server took it; RETRYING after a failed attempt while another is due;
 * PARKED when it failed too often and waits for an admin; OUTBOX_ONLY when no SMTP server is configured,
 * so it was kept for admins to read and never sent.
 */
enum EmailStatus {
  QUEUED,
  RETRYING,
  SENT,
  PARKED,
  OUTBOX_ONLY;

  boolean canMoveTo(EmailStatus next) {
    return switch (this) {
      case QUEUED, RETRYING -> next == SENT || next == RETRYING || next == PARKED || next == OUTBOX_ONLY;
      // An admin retries a parked email (QUEUED), or its parked delivery job is retried from Background
      // jobs and succeeds or fails again.
      case PARKED -> next == QUEUED || next == SENT || next == RETRYING || next == PARKED;
      case SENT, OUTBOX_ONLY -> false;
    };
  }

  /** The statuses an email may be in to move to {@code next}; updates check it in their WHERE clause. */
  static Set<EmailStatus> movingTo(EmailStatus next) {
    EnumSet<EmailStatus> from = EnumSet.noneOf(EmailStatus.class);
    Arrays.stream(values()).filter(s -> s.canMoveTo(next)).forEach(from::add);
    return from;
  }

  /** Whether delivery is still to be attempted, now or after a backoff. */
  boolean awaitsDelivery() {
    return this == QUEUED || this == RETRYING;
  }
}
