package org.offerdesk.app.notifications.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One email as the outbox keeps it: rendered, with where it is in its delivery. */
record OutboxEmail(UUID id, UUID organizationId, List<String> to, String subject, String html, String text,
    String template, String dedupeKey, EmailStatus status, int attempts, String lastError, Instant createdAt,
    Instant sentAt) {}
