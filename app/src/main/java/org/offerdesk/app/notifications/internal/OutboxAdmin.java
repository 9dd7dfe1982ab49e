package org.offerdesk.app.notifications.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.notifications.OutgoingEmail;
import org.offerdesk.app.web.CursorPage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an admin does with the organization's outbox: read it, send a test email, retry a parked email.
 * Everything is scoped to the caller's organization; another organization's email is not found.
 */
@Service
class OutboxAdmin {

  static final String TEST_TEMPLATE = "test-message";
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final Outbox outbox;
  private final OutboxEmails emails;
  private final AuditLog audit;
  private final Clock clock;

  OutboxAdmin(Outbox outbox, OutboxEmails emails, AuditLog audit, Clock clock) {
    this.outbox = outbox;
    this.emails = emails;
    this.audit = audit;
    this.clock = clock;
  }

  CursorPage<OutboxEmail> list(Caller caller, Outbox.Filter filter, String cursor, int limit) {
    return outbox.list(caller.organizationId(), filter, CursorPage.decode(cursor), limit);
  }

  OutboxEmail get(Caller caller, UUID id) {
    return outbox.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Email " + id));
  }

  /** Queues the test message to the signed-in user. */
  @Transactional
  UUID sendTest(Caller caller) {
    if (caller.isToken() || caller.email() == null) {
      throw new Conflict("A test email goes to the signed-in user; an API token has no address");
    }
    UUID id = emails.queue(new OutgoingEmail(caller.organizationId(), List.of(caller.email()), TEST_TEMPLATE,
        Map.of("requestedBy", caller.displayName() == null ? caller.email() : caller.displayName(),
            "organizationName", caller.organizationName(),
            "requestedAt", MINUTE.format(clock.instant())),
        null));
    audit.record(caller, "email.test-queued", caller.email(), "email " + id);
    return id;
  }

  /** Queues a parked email for delivery again, with a fresh run of attempts. */
  @Transactional
  OutboxEmail retry(Caller caller, UUID id) {
    OutboxEmail email = get(caller, id);
    if (!outbox.move(caller.organizationId(), id, EmailStatus.QUEUED)) {
      throw new Conflict("Only a parked email can be retried; this one is " + email.status());
    }
    emails.scheduleDelivery(caller.organizationId(), id, "email.deliver:" + id + ":retry-after-" + email.attempts());
    audit.record(caller, "email.retried", String.join(", ", email.to()), email.subject() + " (" + id + ")");
    return get(caller, id);
  }

  static Outbox.Filter filter(String status, String recipient) {
    return new Outbox.Filter(status(status), recipient == null || recipient.isBlank() ? null : recipient.strip());
  }

  static EmailStatus status(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return EmailStatus.valueOf(status.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("status", "must be one of " + Arrays.toString(EmailStatus.values()));
    }
  }
}
