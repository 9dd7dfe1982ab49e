package org.offerdesk.app.notifications.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An email as the API shows it; {@code html} and {@code text} only when one email is asked for. */
record EmailView(UUID id, EmailStatus status, List<String> to, String subject, String template, String dedupeKey,
    int attempts, String lastError, Instant createdAt, Instant sentAt, String html, String text) {

  static EmailView summary(OutboxEmail e) {
    return new EmailView(e.id(), e.status(), e.to(), e.subject(), e.template(), e.dedupeKey(), e.attempts(),
        e.lastError(), e.createdAt(), e.sentAt(), null, null);
  }

  static EmailView full(OutboxEmail e) {
    return new EmailView(e.id(), e.status(), e.to(), e.subject(), e.template(), e.dedupeKey(), e.attempts(),
        e.lastError(), e.createdAt(), e.sentAt(), e.html(), e.text());
  }
}
