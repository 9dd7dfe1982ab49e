package org.offerdesk.app.jobs.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.jobs.JobStatus;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.sql.SqlReads;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Component
class JdbcJobs implements Jobs {

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final JobWorker worker;
  private final JobHandlers handlers;

  JdbcJobs(JdbcClient jdbc, ObjectMapper mapper, Clock clock, JobWorker worker, @Lazy JobHandlers handlers) {
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.clock = clock;
    this.worker = worker;
    this.handlers = handlers;
  }

  @Override
  public UUID schedule(String kind, UUID organizationId, Object payload, Instant dueAt, String dedupeKey) {
    JobHandler handler = handlers.byKind().get(kind);
    if (handler == null) {
      throw new IllegalArgumentException("No handler for job kind " + kind);
    }
    Instant due = (dueAt == null ? clock.instant() : dueAt).truncatedTo(ChronoUnit.MICROS);
    UUID id = UUID.randomUUID();
    String json;
    try {
      json = mapper.writeValueAsString(payload == null ? Map.of() : payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Job payload is not serializable", e);
    }
    int inserted = jdbc.sql("""
        INSERT INTO job (id, kind, organization_id, payload, dedupe_key, due_at, status, max_attempts, created_at)
        VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, 'PENDING', ?, ?)
        ON CONFLICT (dedupe_key) DO NOTHING""")
        .params(id, kind, organizationId, json, dedupeKey, Timestamp.from(due), handler.maxAttempts(),
            Timestamp.from(clock.instant()))
        .update();
    if (inserted == 0) {
      return jdbc.sql("SELECT id FROM job WHERE dedupe_key = ?").param(dedupeKey).query(UUID.class).single();
    }
    if (!due.isAfter(clock.instant())) {
      wakeWorkerAfterCommit();
    } else {
      afterCommit(() -> worker.wakeUpAt(due));
    }
    return id;
  }

  @Override
  public void scheduleAllNow(String kind, UUID organizationId, Map<String, ?> payloadsByDedupeKey) {
    if (payloadsByDedupeKey.isEmpty()) {
      return;
    }
    JobHandler handler = handlers.byKind().get(kind);
    if (handler == null) {
      throw new IllegalArgumentException("No handler for job kind " + kind);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<UUID> ids = new java.util.ArrayList<>();
    List<String> payloads = new java.util.ArrayList<>();
    List<String> keys = new java.util.ArrayList<>();
    for (Map.Entry<String, ?> e : payloadsByDedupeKey.entrySet()) {
      ids.add(UUID.randomUUID());
      keys.add(e.getKey());
      try {
        payloads.add(mapper.writeValueAsString(e.getValue() == null ? Map.of() : e.getValue()));
      } catch (JsonProcessingException ex) {
        throw new IllegalArgumentException("Job payload is not serializable", ex);
      }
    }
    int inserted = jdbc.sql("""
        INSERT INTO job (id, kind, organization_id, payload, dedupe_key, due_at, status, max_attempts, created_at)
        SELECT j.id, ?, ?, CAST(j.payload AS jsonb), j.dedupe_key, ?, 'PENDING', ?, ?
        FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[])) AS j(id, payload, dedupe_key)
        ON CONFLICT (dedupe_key) DO NOTHING""")
        .params(kind, organizationId, Timestamp.from(now), handler.maxAttempts(), Timestamp.from(now),
            ids.toArray(UUID[]::new), payloads.toArray(String[]::new), keys.toArray(String[]::new))
        .update();
    if (inserted > 0) {
      wakeWorkerAfterCommit();
    }
  }

  @Override
  public boolean expedite(String dedupeKey) {
    // A RUNNING job's due time is moved too: when it then waits (RetryLater), JobOutcomes.waitFor sees that its
    // due time is no longer the one it was claimed at and makes it due at once, so a reason to look again that
    // arrives while the job is looking is not lost until its next wait is over.
    Timestamp now = Timestamp.from(clock.instant());
    boolean moved = jdbc.sql("""
        UPDATE job SET due_at = ? WHERE dedupe_key = ?
        AND ((status = 'PENDING' AND due_at > ?) OR status = 'RUNNING')""")
        .params(now, dedupeKey, now).update() == 1;
    if (moved) {
      wakeWorkerAfterCommit();
    }
    return moved;
  }

  @Override
  public boolean cancel(String dedupeKey) {
    return jdbc.sql("UPDATE job SET status = 'DONE', finished_at = ?, last_error = 'cancelled' "
            + "WHERE dedupe_key = ? AND status = 'PENDING'")
        .params(Timestamp.from(clock.instant()), dedupeKey).update() == 1;
  }

  @Override
  public Optional<JobStatus> status(UUID id) {
    return jdbc.sql("SELECT status FROM job WHERE id = ?").param(id).query(String.class).optional()
        .map(JobStatus::valueOf);
  }

  @Override
  public List<JobInfo> find(UUID organizationId, Collection<String> dedupeKeys) {
    if (dedupeKeys.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT * FROM job WHERE organization_id = :org AND dedupe_key IN (:keys)")
        .param("org", organizationId).param("keys", List.copyOf(dedupeKeys)).query(JdbcJobs::info).list();
  }

  @Override
  public List<JobInfo> failing(UUID organizationId, String kind, int limit) {
    // A job that waits on purpose (RetryLater) carries a "waiting: " note, not an error.
    return jdbc.sql("""
        SELECT * FROM job WHERE organization_id = :org AND kind = :kind AND (status = 'PARKED'
          OR (status IN ('PENDING', 'RUNNING') AND attempts > 0 AND last_error IS NOT NULL
              AND last_error NOT LIKE 'waiting: %'))
        ORDER BY created_at DESC LIMIT :limit""")
        .param("org", organizationId).param("kind", kind).param("limit", limit).query(JdbcJobs::info).list();
  }

  @Override
  public SqlReads.Read<Long> parked(UUID organizationId) {
    return SqlReads.Read.of("SELECT count(*) FROM job WHERE organization_id = ? AND status = 'PARKED'",
        SqlReads.Read.count(), organizationId);
  }

  @Override
  public boolean retry(UUID organizationId, String dedupeKey) {
    return requeueParked(organizationId, "dedupe_key", dedupeKey);
  }

  /** Re-queues the organization's parked job with this ID to run now; false when it is not parked. */
  boolean retry(UUID organizationId, UUID id) {
    return requeueParked(organizationId, "id", id);
  }

  private boolean requeueParked(UUID organizationId, String keyColumn, Object key) {
    boolean requeued = jdbc.sql("""
        UPDATE job SET status = 'PENDING', attempts = 0, due_at = ?, finished_at = NULL
        WHERE organization_id = ? AND %s = ? AND status = 'PARKED'""".formatted(keyColumn))
        .params(Timestamp.from(clock.instant()), organizationId, key).update() == 1;
    if (requeued) {
      wakeWorkerAfterCommit();
    }
    return requeued;
  }

  private static JobInfo info(ResultSet rs, int row) throws SQLException {
    return new JobInfo(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("dedupe_key"),
        JobStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getInt("max_attempts"),
        rs.getTimestamp("due_at").toInstant(), rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
        rs.getString("last_error"));
  }

  private void wakeWorkerAfterCommit() {
    afterCommit(worker::wakeUp);
  }

  /** Runs {@code wake} once the job is committed (at once outside a transaction): never for a rolled-back job. */
  private static void afterCommit(Runnable wake) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          wake.run();
        }
      });
    } else {
      wake.run();
    }
  }
}
