package org.offerdesk.app.webhooks.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobKind;
import org.offerdesk.app.jobs.KindedJobHandler;
import org.offerdesk.app.secrets.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one delivery, as the durable job {@value #KIND}, outside any transaction (a slow receiver holds no
 * database connection). Each attempt is written down in a transaction of its own; the jobs module retries with
 * the backoff below plus jitter, for about a day, then parks the job and the delivery is FAILED.
 * A delivery to an address the outbound guard refuses is FAILED at once, without retries.
 */
@Component
class WebhookDelivery extends KindedJobHandler {

  static final String KIND = "webhook.deliver";

  /** Waits between attempts: twelve attempts over about a day (24 h without the worker's jitter of up to 20%). */
  static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(30), Duration.ofMinutes(1),
      Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
      Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(8));

  private static final Logger logger = LoggerFactory.getLogger(WebhookDelivery.class);

  private final DeliveryLog log;
  private final WebhookSender sender;
  private final SecretBox secrets;
  private final Clock clock;
  private final TransactionTemplate separately;

  WebhookDelivery(DeliveryLog log, WebhookSender sender, SecretBox secrets, Clock clock,
      PlatformTransactionManager transactions) {
    super(JobKind.callingOut(KIND, BACKOFF.size() + 1));
    this.log = log;
    this.sender = sender;
    this.secrets = secrets;
    this.clock = clock;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public Duration retryDelay(int attempt) {
    return BACKOFF.get(Math.min(attempt, BACKOFF.size()) - 1);
  }

  @Override
  public void handle(Job job) {
    UUID deliveryId = UUID.fromString(job.payload().path("deliveryId").asText());
    int series = job.payload().path("series").asInt(1);
    DeliveryLog.Outgoing out = log.outgoing(deliveryId, series).orElse(null);
    if (out == null) {
      return; // delivered, superseded by a redeliver, or its endpoint was deleted
    }
    if (!out.endpointEnabled()) {
      log.giveUp(deliveryId, series, "Not sent: the endpoint was disabled; redeliver once it is enabled");
      return;
    }
    SendOutcome outcome = sender.send(out.url(), out.eventId(), out.eventType(), out.body(),
        secrets.open(out.sealedSecret()));
    if (outcome.refused()) {
      // The address is one OfferDesk does not call: retrying cannot help, so the delivery fails at once and
      // the job ends; an admin fixes the endpoint's URL and redelivers.
      separately.executeWithoutResult(s -> log.recordAttempt(deliveryId, series, job.attempt(), clock.instant(),
          outcome, DeliveryStatus.FAILED));
      logger.info("Webhook delivery {} to {} refused: {}", deliveryId, out.url(), outcome.error());
      return;
    }
    boolean last = job.attempt() >= job.maxAttempts();
    DeliveryStatus next = DeliveryStatus.after(outcome.delivered(), last);
    // Sent outside any transaction; the attempt is recorded in one of its own, whatever the outcome.
    separately.executeWithoutResult(s -> log.recordAttempt(deliveryId, series, job.attempt(), clock.instant(),
        outcome, next));
    if (outcome.delivered()) {
      return;
    }
    logger.info("Webhook delivery {} to {} failed on attempt {} ({}): {}", deliveryId, out.url(), job.attempt(),
        next, outcome.describe());
    throw new NotDelivered(out.url() + " answered " + outcome.describe());
  }

  /** The receiver did not take the event; the jobs module retries or parks it. */
  static final class NotDelivered extends RuntimeException {
    NotDelivered(String message) {
      super(message, null, false, false);
    }
  }
}
