package org.offerdesk.app.marketplace.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.jobs.JobStatus;
import org.offerdesk.app.jobs.Jobs;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The organization's received marketplace events, each with the durable job that handles it: what the
 * dead-letter page lists, shows and retries.
 */
@Component
record MarketplaceEventLog(JdbcClient jdbc, Jobs jobs, ObjectMapper mapper, AuditLog audit) {

  /** One received event with the state of its handling. */
  record EventRow(String eventId, String detailType, String source, Instant occurredAt, Instant receivedAt,
      Instant handledAt, Jobs.JobInfo job) {

    /** How handling went, in one word the page shows as a badge. */
    public String state() {
      if (handledAt != null) {
        return "HANDLED";
      }
      if (job == null) {
        return "NO JOB";
      }
      if (job.status() == JobStatus.PARKED) {
        return "PARKED";
      }
      if (job.status() == JobStatus.PENDING && job.lastError() != null && job.lastError().startsWith("waiting: ")) {
        return "WAITING";
      }
      return job.failing() ? "RETRYING" : job.status().name();
    }

    /** The first line of the last error (the exception and its message), while handling fails or waits. */
    public String errorSummary() {
      if (handledAt == null && job != null && "WAITING".equals(state())) {
        return job.lastError().substring("waiting: ".length()).lines().findFirst().orElse("") + " (next try "
            + job.dueAt() + ")";
      }
      if (handledAt != null || job == null || !job.failing() || job.lastError() == null) {
        return null;
      }
      return withoutExceptionType(job.lastError().lines().findFirst().orElse(""));
    }

    /** A job's error starts with the exception's class name, which says nothing to a person: drop it. */
    static String withoutExceptionType(String line) {
      return line.replaceFirst("^([a-z_$][\\w$]*\\.)+[A-Z][\\w$]*: ", "");
    }
  }

  /** One event with its body, pretty-printed for a person to read. */
  record EventDetail(EventRow event, String body) {}

  /** The newest received events, at most {@code limit}. */
  List<EventRow> latest(UUID org, int limit) {
    return withJobs(org, jdbc.sql("""
        SELECT * FROM marketplace_event WHERE organization_id = ? ORDER BY received_at DESC, event_id LIMIT ?""")
        .params(org, limit).query(MarketplaceEventLog::row).list());
  }

  /** The events whose handling failed and is not done (retrying or parked), or only the parked ones. */
  List<EventRow> failing(UUID org, List<Jobs.JobInfo> failing, boolean parkedOnly) {
    List<String> eventIds = failing.stream()
        .filter(j -> !parkedOnly || j.status() == JobStatus.PARKED)
        .map(j -> eventIdOf(org, j.dedupeKey())).filter(id -> id != null).toList();
    return eventIds.isEmpty() ? List.of() : withJobs(org, jdbc.sql("""
        SELECT * FROM marketplace_event WHERE organization_id = :org AND event_id IN (:ids)
        ORDER BY received_at DESC, event_id""")
        .param("org", org).param("ids", eventIds).query(MarketplaceEventLog::row).list());
  }

  /** The jobs of the organization's events that failed and are not done, newest first. */
  List<Jobs.JobInfo> failingJobs(UUID org, int limit) {
    return jobs.failing(org, MarketplaceEventJob.KIND, limit);
  }

  long count(UUID org) {
    return jdbc.sql("SELECT count(*) FROM marketplace_event WHERE organization_id = ?")
        .param(org).query(Long.class).single();
  }

  Optional<EventDetail> find(UUID org, String eventId) {
    return jdbc.sql("""
        SELECT event_id, detail_type, source, occurred_at, received_at, handled_at, body::text AS body
        FROM marketplace_event WHERE organization_id = ? AND event_id = ?""")
        .params(org, eventId).query((rs, n) -> new EventDetail(row(rs, n), pretty(rs.getString("body"))))
        .optional().map(detail -> new EventDetail(withJobs(org, List.of(detail.event())).get(0), detail.body()));
  }

  boolean exists(UUID org, String eventId) {
    return jdbc.sql("SELECT count(*) FROM marketplace_event WHERE organization_id = ? AND event_id = ?")
        .params(org, eventId).query(Integer.class).single() > 0;
  }

  /** Re-queues the event's parked job and records who did; false when it is not parked. */
  boolean retry(Caller caller, String eventId) {
    if (!jobs.retry(caller.organizationId(), key(caller.organizationId(), eventId))) {
      return false;
    }
    audit.record(caller, "marketplace.event.retried", "marketplace event " + eventId, null);
    return true;
  }

  /**
   * The rows with the job that handles each, looked up in one go: its own job, or, while it has none and is not
   * handled, the batch job of the receive it came in (pending or running).
   */
  private List<EventRow> withJobs(UUID org, List<EventRow> rows) {
    Map<String, Jobs.JobInfo> byKey = jobs.find(org, rows.stream().map(r -> key(org, r.eventId())).toList())
        .stream().collect(Collectors.toMap(Jobs.JobInfo::dedupeKey, Function.identity(), (a, b) -> a));
    List<String> inBatches = rows.stream()
        .filter(r -> r.handledAt() == null && !byKey.containsKey(key(org, r.eventId()))).map(EventRow::eventId).toList();
    Map<String, Jobs.JobInfo> byBatchedEvent = inBatches.isEmpty() ? Map.of() : batchJobs(org, inBatches);
    List<EventRow> out = new ArrayList<>();
    for (EventRow r : rows) {
      Jobs.JobInfo job = byKey.get(key(org, r.eventId()));
      out.add(new EventRow(r.eventId(), r.detailType(), r.source(), r.occurredAt(), r.receivedAt(), r.handledAt(),
          job != null ? job : byBatchedEvent.get(r.eventId())));
    }
    return out;
  }

  /** The unfinished batch jobs ({@link MarketplaceEventBatchJob}) that hold these events, by event ID. */
  private Map<String, Jobs.JobInfo> batchJobs(UUID org, List<String> eventIds) {
    Map<String, String> keyByEvent = new java.util.HashMap<>();
    jdbc.sql("""
        SELECT j.dedupe_key, e.event_id FROM job j, jsonb_array_elements_text(j.payload -> 'eventIds') AS e(event_id)
        WHERE j.organization_id = ? AND j.kind = ? AND j.status IN ('PENDING', 'RUNNING', 'PARKED')
          AND e.event_id = ANY (?)""")
        .params(org, MarketplaceEventBatchJob.KIND, eventIds.toArray(String[]::new))
        .query(rs -> {
          keyByEvent.put(rs.getString(2), rs.getString(1));
        });
    if (keyByEvent.isEmpty()) {
      return Map.of();
    }
    Map<String, Jobs.JobInfo> byKey = jobs.find(org, new java.util.HashSet<>(keyByEvent.values())).stream()
        .collect(Collectors.toMap(Jobs.JobInfo::dedupeKey, Function.identity(), (a, b) -> a));
    Map<String, Jobs.JobInfo> out = new java.util.HashMap<>();
    keyByEvent.forEach((event, key) -> {
      if (byKey.containsKey(key)) {
        out.put(event, byKey.get(key));
      }
    });
    return out;
  }

  /** The dedupe key the consumer gives an event's job (see {@link EventQueueConsumer#store}). */
  static String key(UUID org, String eventId) {
    return MarketplaceEventJob.KIND + ":" + org + ":" + eventId;
  }

  private static String eventIdOf(UUID org, String dedupeKey) {
    String prefix = MarketplaceEventJob.KIND + ":" + org + ":";
    return dedupeKey != null && dedupeKey.startsWith(prefix) ? dedupeKey.substring(prefix.length()) : null;
  }

  private static EventRow row(ResultSet rs, int row) throws SQLException {
    return new EventRow(rs.getString("event_id"), rs.getString("detail_type"), rs.getString("source"),
        instant(rs.getTimestamp("occurred_at")), instant(rs.getTimestamp("received_at")),
        instant(rs.getTimestamp("handled_at")), null);
  }

  private String pretty(String json) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(json));
    } catch (Exception e) {
      return json;
    }
  }

  private static Instant instant(java.sql.Timestamp value) {
    return value == null ? null : value.toInstant();
  }
}
