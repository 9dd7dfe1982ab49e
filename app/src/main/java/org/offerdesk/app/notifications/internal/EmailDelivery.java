package org.offerdesk.app.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobKind;
import org.offerdesk.app.jobs.KindedJobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers one queued email over SMTP, as the durable job {@value #KIND}, outside any transaction (a slow
 * SMTP server holds no database connection). A failed attempt is written down on the email in a
 * transaction of its own and delivery is tried again with backoff, from a minute up to six hours apart, for about a
 * day; then the email and its job are parked for an admin.
 */
@Component
class EmailDelivery extends KindedJobHandler {

  static final String KIND = "email.deliver";
  static final int MAX_ATTEMPTS = 12;
  private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);

  private final Outbox outbox;
  private final SmtpServer smtp;
  private final Clock clock;
  private final TransactionTemplate separately;

  EmailDelivery(Outbox outbox, SmtpServer smtp, Clock clock, PlatformTransactionManager transactions) {
    super(JobKind.callingOut(KIND, MAX_ATTEMPTS));
    this.outbox = outbox;
    this.smtp = smtp;
    this.clock = clock;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** 1, 2, 4 ... 256 minutes, then 6 hours: twelve attempts span about a day (the worker adds jitter). */
  @Override
  public Duration retryDelay(int attempt) {
    return Duration.ofMinutes(Math.min(360, 1L << Math.min(attempt - 1, 20)));
  }

  @Override
  public void handle(Job job) throws Exception {
    UUID id = UUID.fromString(job.payload().path("emailId").asText());
    OutboxEmail email = outbox.find(job.organizationId(), id).orElse(null);
    if (email == null || email.status() == EmailStatus.SENT || email.status() == EmailStatus.OUTBOX_ONLY) {
      return;
    }
    if (!smtp.configured()) {
      // Queued while a server was configured; this instance has none. Keep it readable rather than fail.
      outbox.move(email.organizationId(), id, EmailStatus.OUTBOX_ONLY);
      return;
    }
    try {
      smtp.send(email);
    } catch (Exception e) {
      EmailStatus next = job.attempt() >= job.maxAttempts() ? EmailStatus.PARKED : EmailStatus.RETRYING;
      String error = describe(e);
      separately.executeWithoutResult(status -> outbox.markFailed(id, next, error));
      log.info("Email {} not delivered on attempt {} ({}): {}", id, job.attempt(), next, error);
      throw e;
    }
    outbox.markSent(id, clock.instant());
  }

  /** The causes' messages, outermost first: enough to tell a refused connection from a refused address. */
  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
      if (!text.isEmpty()) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        text.append(": ").append(t.getMessage().strip());
      }
    }
    return text.length() > 2000 ? text.substring(0, 2000) : text.toString();
  }
}
