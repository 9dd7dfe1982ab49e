package org.offerdesk.app.marketplace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.offerdesk.app.jobs.Jobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Reads each connected organization's marketplace event queue ({@code aws-marketplace-events}) through
 * the AWS SDK's SQS client. A message is written to the inbox (once per event ID) together with the job
 * that handles it, and only then deleted from the queue (by {@link MessageDeletes}, while the reader receives
 * again): a crash before the delete redelivers it, and the inbox makes the second copy a no-op. Several
 * instances may read the same queue. A batch of up to 10 messages is one receive, one transaction and one
 * delete, and the queue is read again at once while batches come full (one commit and two calls per ten
 * events, not per event; a pause only when the queue is empty). A receive's new events are one
 * {@link MarketplaceEventBatchJob} when their handlers can take them in a batch, the others a
 * {@link MarketplaceEventJob} each.
 *
 * <p>Up to {@code offerdesk.events.long-polls} organizations (8) have a reader of their own that long-polls
 * their queue ({@code offerdesk.events.long-poll-seconds}, 10: SQS answers as soon as a message arrives), so an
 * event such as "Change Set Succeeded" is in the inbox moments after it is sent, not up to a poll interval
 * later. One thread can wait on one queue only; the organizations beyond those are read in turns every poll
 * interval as before, and so is one whose reader failed, once its rest is over.
 */
@Component
class EventQueueConsumer extends RepeatingTask {

  static final String QUEUE = "aws-marketplace-events";
  private static final Logger log = LoggerFactory.getLogger(EventQueueConsumer.class);

  private final SdkClients marketplace;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Jobs jobs;
  private final ObjectMapper mapper;
  /** Handles a receive's events together ({@code offerdesk.events.batches}, on by default; off: a job an event). */
  private final MarketplaceEventBatchJob batchJob;
  private final boolean batches;
  private final Clock clock;
  private final Duration interval;
  private final int waitSeconds;
  private final boolean enabled;
  private final Map<UUID, String> queueUrls = new ConcurrentHashMap<>();
  /**
   * Until when ({@link System#nanoTime()}) an organization whose queue could not be read is left alone.
   * A back-off is elapsed time on this machine, not business time: the platform clock can be frozen or
   * moved by hand (tests, the sandbox's time travel), which would stall the back-off or skip it.
   */
  private final Map<UUID, Long> restingUntil = new ConcurrentHashMap<>();
  private final int longPollSeconds;
  private final int longPolls;
  /** The organizations with a long-polling reader of their own, and that reader. */
  private final Map<UUID, Future<?>> readers = new ConcurrentHashMap<>();
  private volatile ExecutorService readerThreads;
  /** Deletes what the inbox has committed, off the readers' turns. */
  private final MessageDeletes deletes = new MessageDeletes();

  EventQueueConsumer(SdkClients marketplace, JdbcClient jdbc, TransactionTemplate tx, Jobs jobs, ObjectMapper mapper,
      MarketplaceEventBatchJob batchJob, @Value("${offerdesk.events.batches:true}") boolean batches, Clock clock, @Value("${offerdesk.events.poll-interval:PT1S}") Duration interval,
      @Value("${offerdesk.events.wait-seconds:0}") int waitSeconds,
      @Value("${offerdesk.events.enabled:true}") boolean enabled,
      @Value("${offerdesk.events.long-poll-seconds:10}") int longPollSeconds,
      @Value("${offerdesk.events.long-polls:8}") int longPolls) {
    super("marketplace-events");
    this.marketplace = marketplace;
    this.jdbc = jdbc;
    this.tx = tx;
    this.jobs = jobs;
    this.mapper = mapper;
    this.batchJob = batchJob;
    this.batches = batches;
    this.clock = clock;
    this.interval = interval;
    this.waitSeconds = waitSeconds;
    this.enabled = enabled;
    this.longPollSeconds = Math.min(20, Math.max(0, longPollSeconds));
    this.longPolls = longPollSeconds > 0 ? Math.max(0, longPolls) : 0;
  }

  @Override
  public void start() {
    if (!enabled) {
      return;
    }
    deletes.start();
    if (longPolls > 0) {
      AtomicInteger n = new AtomicInteger();
      readerThreads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "marketplace-events-reader-" + n.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
    }
    repeat(this::pollAll, interval);
  }

  @Override
  protected void stopping() {
    ExecutorService running = readerThreads;
    readerThreads = null;
    if (running != null) {
      running.shutdownNow();
    }
    readers.clear();
    deletes.stop();
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }

  /**
   * Reads every connected organization's queue until none has more waiting, organizations taking turns (at
   * most {@link #BATCHES_PER_TURN} receives each per turn); returns how many events were new.
   */
  int pollAll() {
    int fresh = 0;
    boolean more = true;
    List<UUID> connected = marketplace.connectedOrganizations();
    tendReaders(connected);
    while (more && !Thread.currentThread().isInterrupted()) {
      more = false;
      long now = System.nanoTime();
      for (UUID org : connected) {
        Long resting = restingUntil.get(org);
        if (resting != null && now - resting < 0 || readers.containsKey(org)) {
          continue;
        }
        try {
          Turn turn = turn(org);
          fresh += turn.fresh();
          more |= turn.more();
          restingUntil.remove(org);
        } catch (RuntimeException e) {
          // An unreachable or misconfigured account must not hold up the others: try it again in a minute.
          queueUrls.remove(org);
          restingUntil.put(org, now + Duration.ofMinutes(1).toNanos());
          log.debug("Could not read the event queue of {}: {}", org, e.toString());
        }
      }
    }
    return fresh;
  }

  /**
   * Ends the readers of organizations no longer connected and those that stopped, and starts one for each
   * connected organization without one (not resting after a failure), up to {@link #longPolls}.
   */
  private void tendReaders(List<UUID> connected) {
    ExecutorService threads = readerThreads;
    if (threads == null) {
      return;
    }
    java.util.Set<UUID> still = new java.util.HashSet<>(connected);
    readers.entrySet().removeIf(e -> {
      boolean gone = !still.contains(e.getKey()) || e.getValue().isDone();
      if (gone) {
        e.getValue().cancel(true);
      }
      return gone;
    });
    long now = System.nanoTime();
    for (UUID org : connected) {
      if (readers.size() >= longPolls) {
        return;
      }
      Long resting = restingUntil.get(org);
      if (resting == null || now - resting >= 0) {
        readers.computeIfAbsent(org, o -> threads.submit(() -> read(o)));
      }
    }
  }

  /**
   * One organization's reader: long polls until it is stopped or a receive fails (then the organization rests for
   * a minute, as in the turns, and a new reader starts after it).
   */
  private void read(UUID org) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        receive(org, longPollSeconds);
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        queueUrls.remove(org);
        restingUntil.put(org, System.nanoTime() + Duration.ofMinutes(1).toNanos());
        log.debug("Could not read the event queue of {}: {}", org, e.toString());
        return;
      }
    }
  }

  /** Whether the organization's queue is read by a long-polling reader of its own (rather than in turns). */
  boolean hasReader(UUID org) {
    Future<?> reader = readers.get(org);
    return reader != null && !reader.isDone();
  }

  /** Receives per turn of one organization: a busy queue does not keep the others waiting. */
  static final int BATCHES_PER_TURN = 10;

  /** What one organization's turn came to: new events, and whether its queue may hold more. */
  record Turn(int fresh, boolean more) {}

  private Turn turn(UUID org) {
    int fresh = 0;
    for (int i = 0; i < BATCHES_PER_TURN; i++) {
      Turn batch = receive(org, waitSeconds);
      fresh += batch.fresh();
      if (!batch.more()) {
        return new Turn(fresh, false);
      }
    }
    return new Turn(fresh, true);
  }

  /**
   * Receives up to 10 messages, writes their events to the inbox in one transaction, then hands them to
   * {@link MessageDeletes} to delete in one call while this reader receives again: a crash between the commit and
   * the delete redelivers them, and the inbox makes the second copy a no-op; a failed transaction deletes nothing.
   * A full batch means more may be waiting.
   */
  Turn receive(UUID org, int waitSeconds) {
    SqsClient sqs = marketplace.events(org);
    String url = queueUrls.computeIfAbsent(org, o -> sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl());
    List<Message> messages;
    try {
      messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(MAX_MESSAGES).waitTimeSeconds(waitSeconds))
          .messages();
    } catch (QueueDoesNotExistException e) {
      queueUrls.remove(org);
      return new Turn(0, false);
    }
    if (messages.isEmpty()) {
      return new Turn(0, false);
    }
    int fresh = storeAll(org, messages.stream().map(Message::body).toList());
    // Only now, the inbox committed: deleted off this thread, so the next receive does not wait for it.
    deletes.delete(org, sqs, url, messages);
    return new Turn(fresh, messages.size() == MAX_MESSAGES);
  }

  private static final int MAX_MESSAGES = 10;

  /** Writes the event to the inbox with its handling job, unless it is already there. */
  boolean store(UUID org, String body) {
    return storeAll(org, List.of(body)) == 1;
  }

  /**
   * Writes the events to the inbox, each with its handling job unless it is already there, in one transaction;
   * returns how many were new. In order of event ID, so that two instances storing the same events (delivered
   * twice, to each) lock them in the same order and never deadlock.
   */
  int storeAll(UUID org, List<String> bodies) {
    SortedMap<String, JsonNode> events = new TreeMap<>();
    List<String> inOrder = new ArrayList<>();
    for (String body : bodies) {
      JsonNode event;
      try {
        event = mapper.readTree(unwrap(body));
      } catch (Exception e) {
        log.warn("Ignoring an unreadable marketplace event for {}: {}", org, e.toString());
        continue;
      }
      String id = event.path("id").asText(null);
      if (id == null) {
        log.warn("Ignoring a marketplace event without an id for {}", org);
        continue;
      }
      if (events.putIfAbsent(id, event) == null) {
        inOrder.add(id);
      }
    }
    if (events.isEmpty()) {
      return 0;
    }
    Timestamp received = Timestamp.from(clock.instant());
    List<String> ids = new ArrayList<>(events.keySet());
    List<String> types = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<String> times = new ArrayList<>();
    List<String> bodyTexts = new ArrayList<>();
    for (JsonNode event : events.values()) {
      types.add(event.path("detail-type").asText(""));
      sources.add(event.path("source").asText(""));
      Timestamp time = parseTime(event.path("time").asText(null));
      times.add(time == null ? null : time.toInstant().toString());
      bodyTexts.add(event.toString());
    }
    // One statement for the receive's events (in event-ID order, the order their rows are locked in) and one for
    // the jobs of those that were new: two statements a receive, not two an event.
    Integer inserted = tx.execute(status -> {
      List<String> fresh = jdbc.sql("""
          INSERT INTO marketplace_event (organization_id, event_id, detail_type, source, occurred_at, body, received_at)
          SELECT ?, e.id, e.type, e.source, CAST(e.occurred AS timestamptz), CAST(e.body AS jsonb), ?
          FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
            CAST(? AS text[])) WITH ORDINALITY AS e(id, type, source, occurred, body, n)
          ORDER BY e.n
          ON CONFLICT DO NOTHING RETURNING event_id""")
          .params(org, received, ids.toArray(String[]::new), types.toArray(String[]::new),
              sources.toArray(String[]::new), times.toArray(String[]::new), bodyTexts.toArray(String[]::new))
          .query(String.class).list();
      // The new events that can be handled together are one batch job (in receive order); the others a job each.
      java.util.Set<String> isNew = new java.util.HashSet<>(fresh);
      List<String> batch = new ArrayList<>();
      Map<String, Object> jobs = new java.util.LinkedHashMap<>();
      for (String id : inOrder) {
        if (!isNew.contains(id)) {
          continue;
        }
        if (batches && batchJob.batchable(MarketplaceEventJob.event(org, id, events.get(id), clock))) {
          batch.add(id);
        } else {
          jobs.put(MarketplaceEventLog.key(org, id), Map.of("eventId", id));
        }
      }
      if (!batch.isEmpty()) {
        this.jobs.scheduleNow(MarketplaceEventBatchJob.KIND, org, MarketplaceEventBatchJob.payload(batch),
            MarketplaceEventBatchJob.key(org, batch));
      }
      this.jobs.scheduleAllNow(MarketplaceEventJob.KIND, org, jobs);
      return fresh.size();
    });
    return inserted == null ? 0 : inserted;
  }

  /** SNS-wrapped events (legacy topics delivered to SQS) carry the event as a string in Message. */
  private String unwrap(String body) throws Exception {
    JsonNode node = mapper.readTree(body);
    if ("Notification".equals(node.path("Type").asText()) && node.hasNonNull("Message")) {
      return node.get("Message").asText();
    }
    return body;
  }

  private static Timestamp parseTime(String time) {
    try {
      return time == null ? null : Timestamp.from(Instant.parse(time));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
