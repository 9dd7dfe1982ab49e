package org.offerdesk.app.notifications.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.notifications.Emails;
import org.offerdesk.app.notifications.OutgoingEmail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues email into the outbox: renders it, stores it, and schedules its delivery job in the caller's
 * transaction, so both exist only if the caller's change commits.
 */
@Service
class OutboxEmails implements Emails {

  static final int MAX_RECIPIENTS = 50;

  private final MailTemplates templates;
  private final Outbox outbox;
  private final Jobs jobs;
  private final SmtpServer smtp;
  private final Clock clock;

  OutboxEmails(MailTemplates templates, Outbox outbox, Jobs jobs, SmtpServer smtp, Clock clock) {
    this.templates = templates;
    this.outbox = outbox;
    this.jobs = jobs;
    this.smtp = smtp;
    this.clock = clock;
  }

  /**
   * A refused recipient leaves the caller's transaction usable (it is found before anything is written),
   * so a caller may catch the problem, tell its user, and commit the rest of its change.
   */
  @Override
  @Transactional(noRollbackFor = DomainException.class)
  public UUID queue(OutgoingEmail email) {
    return queue(email, null);
  }

  /**
   * As {@link #queue(OutgoingEmail)}, with the email already rendered from its template and model by a caller that
   * had to know it renders before queuing it ({@link TeamNotifier}): rendered once, not twice. Null renders it here.
   */
  @Transactional(noRollbackFor = DomainException.class)
  public UUID queue(OutgoingEmail email, RenderedEmail alreadyRendered) {
    if (email.organizationId() == null) {
      throw new IllegalArgumentException("An email belongs to an organization");
    }
    List<String> to = validRecipients(email.to());
    if (email.dedupeKey() != null) {
      var existing = outbox.idByDedupeKey(email.organizationId(), email.dedupeKey());
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    RenderedEmail rendered = alreadyRendered != null ? alreadyRendered
        : templates.render(email.template(), email.model());
    EmailStatus status = smtp.configured() ? EmailStatus.QUEUED : EmailStatus.OUTBOX_ONLY;
    OutboxEmail row = new OutboxEmail(UUID.randomUUID(), email.organizationId(), to, rendered.subject(),
        rendered.html(), rendered.text(), email.template(), email.dedupeKey(), status, 0, null,
        clock.instant().truncatedTo(ChronoUnit.MICROS), null);
    if (!outbox.add(row)) {
      // Another transaction queued the same key between our look-up and our insert, and committed.
      return outbox.idByDedupeKey(email.organizationId(), email.dedupeKey()).orElseThrow();
    }
    if (status == EmailStatus.QUEUED) {
      scheduleDelivery(row.organizationId(), row.id(), "email.deliver:" + row.id());
    }
    return row.id();
  }

  void scheduleDelivery(UUID organizationId, UUID emailId, String jobKey) {
    jobs.scheduleNow(EmailDelivery.KIND, organizationId, Map.of("emailId", emailId.toString()), jobKey);
  }

  static List<String> validRecipients(List<String> to) {
    List<FieldError> errors = new ArrayList<>();
    List<String> valid = new ArrayList<>();
    if (to.isEmpty()) {
      errors.add(new FieldError("to", "needs at least one email address"));
    } else if (to.size() > MAX_RECIPIENTS) {
      errors.add(new FieldError("to", "has more than " + MAX_RECIPIENTS + " addresses"));
    }
    for (int i = 0; i < to.size() && i < MAX_RECIPIENTS; i++) {
      String address = to.get(i) == null ? "" : to.get(i).strip();
      if (isAddress(address)) {
        valid.add(address);
      } else {
        errors.add(new FieldError("to[" + i + "]", "is not an email address"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return valid;
  }

  /** A bare address such as {@code ada@example.com}: no display name, a local part, a domain. */
  static boolean isAddress(String text) {
    if (text.isEmpty() || text.length() > 254 || text.chars().anyMatch(c -> c <= ' ' || c == '<' || c == ',')) {
      return false;
    }
    try {
      InternetAddress parsed = new InternetAddress(text, true);
      int at = text.lastIndexOf('@');
      return parsed.getPersonal() == null && text.equals(parsed.getAddress()) && at > 0 && at < text.length() - 1
          && !text.substring(at + 1).startsWith(".") && !text.endsWith(".");
    } catch (AddressException e) {
      return false;
    }
  }
}
