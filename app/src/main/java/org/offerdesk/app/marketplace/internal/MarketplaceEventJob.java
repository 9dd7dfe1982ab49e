package org.offerdesk.app.marketplace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobKind;
import org.offerdesk.app.jobs.KindedJobHandler;
import org.offerdesk.app.jobs.RetryLater;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands one stored marketplace event to every capability that handles it. A failure retries the whole
 * event; after the last attempt it is parked, visible to admins with the event's body, and retryable.
 * A capability that does not have what the event changes yet (an order for its agreement) throws
 * {@link RetryLater}: the event waits, with back-off doubling up to {@code offerdesk.events.wait-backoff-max},
 * for at most {@code offerdesk.events.max-wait}; then it fails like any other and is parked in the end.
 * An event about an agreement whose Created (or Amended) event is being handled on this instance at the same time
 * waits for that first ({@link EventsUnderway}) rather than for a retry.
 * Handlers read the marketplace, so this job runs outside a transaction; each handler commits its own work.
 */
@Component
class MarketplaceEventJob extends KindedJobHandler {

  static final String KIND = "marketplace.event";

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;
  private final List<MarketplaceEventHandler> handlers;
  private final Clock clock;
  private final Duration backoffMax;
  private final Duration maxWait;
  private final EventsUnderway underway;
  private final org.offerdesk.app.jobs.Jobs jobs;

  /** How long an event waits for its agreement's Created under way on this instance, before a retry later. */
  static final Duration AGREEMENT_WAIT = Duration.ofSeconds(10);

  MarketplaceEventJob(JdbcClient jdbc, ObjectMapper mapper, @Lazy List<MarketplaceEventHandler> handlers,
      EventsUnderway underway, org.offerdesk.app.jobs.Jobs jobs, Clock clock, @org.springframework.beans.factory.annotation.Value("${offerdesk.events.max-attempts:8}")
      int maxAttempts,
      @org.springframework.beans.factory.annotation.Value("${offerdesk.events.wait-backoff-max:PT5M}") Duration backoffMax,
      @org.springframework.beans.factory.annotation.Value("${offerdesk.events.max-wait:P1D}") Duration maxWait) {
    super(JobKind.callingOut(KIND, maxAttempts));
    this.backoffMax = backoffMax;
    this.maxWait = maxWait;
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.handlers = handlers;
    this.clock = clock;
    this.underway = underway;
    this.jobs = jobs;
  }

  @Override
  public void handle(Job job) throws Exception {
    String eventId = job.payload().get("eventId").asText();
    UUID org = job.organizationId();
    String body = jdbc.sql("SELECT body::text FROM marketplace_event WHERE organization_id = ? AND event_id = ?")
        .params(org, eventId).query(String.class).single();
    MarketplaceEvent event = event(org, eventId, mapper.readTree(body), clock);
    String agreementId = agreementOf(event);
    try {
      if (agreementId != null && makesOrder(event.detailType())) {
        underway.during(org, agreementId, () -> {
          handleNow(event);
          return null;
        });
        expediteWaiting(org, List.of(agreementId));
      } else {
        CountDownLatch before = agreementId == null ? null : underway.now(org, agreementId);
        try {
          handleNow(event);
        } catch (RetryLater waiting) {
          // Its agreement's Created (or Amended) may be under way here: once that is handled, this is, at once.
          if (agreementId == null || !underway.awaited(org, agreementId, before, AGREEMENT_WAIT)) {
            throw waiting;
          }
          handleNow(event);
        }
      }
    } catch (RetryLater waiting) {
      if (agreementId != null) {
        underway.waiting(org, agreementId, MarketplaceEventLog.key(org, eventId));
      }
      throw waitLonger(org, eventId, waiting);
    }
    jdbc.sql("UPDATE marketplace_event SET handled_at = ?, waiting_for = NULL WHERE organization_id = ? AND event_id = ?")
        .params(Timestamp.from(clock.instant()), org, eventId).update();
    if (agreementId != null) {
      underway.notWaiting(org, agreementId, MarketplaceEventLog.key(org, eventId));
    }
  }

  /** An inbox event as handlers see it; its time is now when it has none (or an unreadable one). */
  static MarketplaceEvent event(UUID org, String eventId, JsonNode node, Clock clock) {
    Instant time;
    try {
      time = Instant.parse(node.path("time").asText());
    } catch (RuntimeException e) {
      time = clock.instant();
    }
    return new MarketplaceEvent(org, eventId, node.path("detail-type").asText(), node.path("source").asText(), time,
        node.path("detail"));
  }

  /** The agreement the event is about, or null. */
  static String agreementOf(MarketplaceEvent event) {
    return event.detail().path("agreement").path("id").asText(null);
  }

  /**
   * Events of these agreements that wait on this instance for their order (a License or an end handled before its
   * agreement's Created) are due now rather than at their retry: the agreements' orders were just made.
   */
  void expediteWaiting(UUID org, java.util.Collection<String> agreementIds) {
    for (String key : underway.waitersOf(org, agreementIds)) {
      jobs.expedite(key);
    }
  }

  /** Hands the event to every handler of it; one that must wait throws {@link RetryLater}. */
  private void handleNow(MarketplaceEvent event) {
    for (MarketplaceEventHandler handler : handlers) {
      if (handler.handles(event)) {
        handler.handle(event);
      }
    }
  }

  /** The events that make an agreement's order, which the agreement's other events may wait for. */
  static boolean makesOrder(String detailType) {
    return detailType.startsWith("Purchase Agreement Created") || detailType.startsWith("Purchase Agreement Amended");
  }

  /** Notes what the event waits for and when the wait began; the next try comes later the longer it waits. */
  private RuntimeException waitLonger(UUID org, String eventId, RetryLater waiting) {
    Instant now = clock.instant();
    Timestamp since = jdbc.sql("""
        UPDATE marketplace_event SET waiting_since = COALESCE(waiting_since, ?), waiting_for = ?
        WHERE organization_id = ? AND event_id = ? RETURNING waiting_since""")
        .params(Timestamp.from(now), waiting.getMessage(), org, eventId).query(Timestamp.class).single();
    Duration waited = Duration.between(since.toInstant(), now);
    if (waited.compareTo(maxWait) > 0) {
      return new IllegalStateException("Still waiting after " + waited + ": " + waiting.getMessage());
    }
    Duration delay = waited.compareTo(waiting.delay()) < 0 ? waiting.delay() : waited;
    return new RetryLater(delay.compareTo(backoffMax) > 0 ? backoffMax : delay, waiting.getMessage());
  }
}
