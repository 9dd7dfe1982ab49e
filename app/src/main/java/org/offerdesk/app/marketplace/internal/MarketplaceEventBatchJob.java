package org.offerdesk.app.marketplace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobKind;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.jobs.KindedJobHandler;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles a receive's events as one batch (those whose every handler {@link MarketplaceEventHandler#batches batches}
 * them; the consumer gives the others a {@link MarketplaceEventJob} each): one job, one read of the events, the
 * marketplace read ahead for all of them (side by side, outside any transaction), then one transaction in which
 * each event is handled in a savepoint of its own, the handled ones marked in one statement. An event whose
 * handling fails or must wait ({@link org.offerdesk.app.jobs.RetryLater}: its order is not there yet) is rolled
 * back alone and gets a {@link MarketplaceEventJob} of its own, due now, with everything that job does (waiting for
 * its agreement's Created under way here, back-off, parking, the events page's error and retry); its batch's other
 * events commit. Should the transaction itself fail, every event of the batch gets its own job.
 *
 * <p>Idempotent as the single events are: a batch run again after a crash reads only the events not handled yet,
 * and handlers key what they record on the events' facts. Makers first: a batch's Created and Amended events are
 * handled before its other events (in receive order within each), so that a License or an end that came in the
 * same receive ahead of its agreement's Created finds the order.
 */
@Component
class MarketplaceEventBatchJob extends KindedJobHandler {

  static final String KIND = "marketplace.events";
  private static final Logger log = LoggerFactory.getLogger(MarketplaceEventBatchJob.class);

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;
  private final List<MarketplaceEventHandler> handlers;
  private final TransactionTemplate tx;
  private final TransactionTemplate savepoint;
  private final Jobs jobs;
  private final EventsUnderway underway;
  private final MarketplaceEventJob single;
  private final Clock clock;

  MarketplaceEventBatchJob(JdbcClient jdbc, ObjectMapper mapper, @Lazy List<MarketplaceEventHandler> handlers,
      TransactionTemplate tx, Jobs jobs, EventsUnderway underway, MarketplaceEventJob single, Clock clock) {
    super(JobKind.callingOut(KIND, 10));
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.handlers = handlers;
    this.tx = tx;
    this.savepoint = new TransactionTemplate(tx.getTransactionManager());
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.jobs = jobs;
    this.underway = underway;
    this.single = single;
    this.clock = clock;
  }

  /** Whether the event can be handled in a batch: every handler of it says so (none at all: nothing to do). */
  boolean batchable(MarketplaceEvent event) {
    for (MarketplaceEventHandler handler : handlers) {
      if (handler.handles(event) && !handler.batches(event)) {
        return false;
      }
    }
    return true;
  }

  /** The job's dedupe key and payload for a batch of these events (IDs in receive order). */
  static String key(UUID org, List<String> eventIds) {
    return KIND + ":" + org + ":" + eventIds.get(0);
  }

  static Map<String, Object> payload(List<String> eventIds) {
    return Map.of("eventIds", eventIds);
  }

  @Override
  public void handle(Job job) throws Exception {
    UUID org = job.organizationId();
    List<String> ids = new ArrayList<>();
    job.payload().path("eventIds").forEach(id -> ids.add(id.asText()));
    Map<String, String> bodies = new LinkedHashMap<>();
    jdbc.sql("""
        SELECT event_id, body::text FROM marketplace_event
        WHERE organization_id = ? AND event_id = ANY (?) AND handled_at IS NULL""")
        .params(org, ids.toArray(String[]::new))
        .query(rs -> {
          bodies.put(rs.getString(1), rs.getString(2));
        });
    // Makers first, each group in receive order; an event that cannot be read or batched is handled alone.
    List<MarketplaceEvent> makers = new ArrayList<>();
    List<MarketplaceEvent> others = new ArrayList<>();
    List<String> alone = new ArrayList<>();
    for (String id : ids) {
      String body = bodies.get(id);
      if (body == null) {
        continue; // handled already (the batch runs again after a crash)
      }
      MarketplaceEvent event;
      try {
        event = MarketplaceEventJob.event(org, id, mapper.readTree(body), clock);
      } catch (Exception e) {
        alone.add(id);
        continue;
      }
      if (!batchable(event)) {
        alone.add(id);
      } else if (MarketplaceEventJob.makesOrder(event.detailType())) {
        makers.add(event);
      } else {
        others.add(event);
      }
    }
    List<MarketplaceEvent> events = new ArrayList<>(makers);
    events.addAll(others);
    Map<MarketplaceEventHandler, Object> ahead = readAhead(events);
    Set<String> agreements = new LinkedHashSet<>();
    for (MarketplaceEvent maker : makers) {
      String agreementId = MarketplaceEventJob.agreementOf(maker);
      if (agreementId != null) {
        agreements.add(agreementId);
      }
    }
    List<String> handled = new ArrayList<>();
    try {
      underway.duringAll(org, agreements, () -> tx.execute(status -> {
        for (MarketplaceEvent event : events) {
          try {
            savepoint.executeWithoutResult(s -> {
              for (MarketplaceEventHandler handler : handlers) {
                if (handler.handles(event)) {
                  handler.handleInBatch(event, ahead.get(handler));
                }
              }
            });
            handled.add(event.id());
          } catch (RuntimeException e) {
            log.debug("Event {} of {} is handled alone: {}", event.id(), org, e.toString());
            alone.add(event.id());
          }
        }
        Set<String> done = Set.copyOf(handled);
        for (Map.Entry<MarketplaceEventHandler, Object> a : ahead.entrySet()) {
          a.getKey().beforeCommit(a.getValue(), done);
        }
        if (!handled.isEmpty()) {
          jdbc.sql("""
              UPDATE marketplace_event SET handled_at = ?, waiting_for = NULL
              WHERE organization_id = ? AND event_id = ANY (?)""")
              .params(Timestamp.from(clock.instant()), org, handled.toArray(String[]::new)).update();
        }
        scheduleAlone(org, alone);
        return null;
      }));
    } catch (RuntimeException e) {
      // The transaction failed as a whole (the database, not an event): each event is handled alone.
      log.warn("A batch of {} events of {} failed as a whole; each is handled alone: {}", events.size(), org,
          e.toString());
      List<String> all = new ArrayList<>(alone);
      events.forEach(event -> all.add(event.id()));
      tx.executeWithoutResult(status -> scheduleAlone(org, all));
      return;
    }
    for (Map.Entry<MarketplaceEventHandler, Object> a : ahead.entrySet()) {
      try {
        a.getKey().afterBatch(a.getValue());
      } catch (RuntimeException e) {
        log.warn("After a batch of events of {}: {}", org, e.toString());
      }
    }
    single.expediteWaiting(org, agreements);
  }

  /** What each handler reads ahead for its events of the batch; a handler that could not read gets nothing. */
  private Map<MarketplaceEventHandler, Object> readAhead(List<MarketplaceEvent> events) {
    Map<MarketplaceEventHandler, Object> ahead = new IdentityHashMap<>();
    for (MarketplaceEventHandler handler : handlers) {
      List<MarketplaceEvent> its = events.stream().filter(handler::handles).toList();
      if (its.isEmpty()) {
        continue;
      }
      try {
        ahead.put(handler, handler.readAhead(its));
      } catch (RuntimeException e) {
        log.debug("Nothing read ahead by {}: {}", handler.getClass().getSimpleName(), e.toString());
        ahead.put(handler, null);
      }
    }
    return ahead;
  }

  /** A job of its own for each of these events, due now (in the caller's transaction). */
  private void scheduleAlone(UUID org, List<String> eventIds) {
    if (eventIds.isEmpty()) {
      return;
    }
    Map<String, Object> own = new LinkedHashMap<>();
    for (String id : eventIds) {
      own.put(MarketplaceEventLog.key(org, id), Map.of("eventId", id));
    }
    jobs.scheduleAllNow(MarketplaceEventJob.KIND, org, own);
  }
}
