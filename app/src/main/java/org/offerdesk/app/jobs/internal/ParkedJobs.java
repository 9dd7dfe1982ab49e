package org.offerdesk.app.jobs.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CursorPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an admin sees of an organization's jobs, and the retry of a parked one. */
@Service
class ParkedJobs {

  record JobView(UUID id, String kind, String status, int attempts, int maxAttempts, Instant dueAt,
      Instant createdAt, Instant finishedAt, String lastError, String payload) {}

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final JdbcJobs jobs;

  ParkedJobs(JdbcClient jdbc, AuditLog audit, JdbcJobs jobs) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.jobs = jobs;
  }

  static final List<String> STATUSES = List.of("PENDING", "RUNNING", "DONE", "PARKED");

  /** Newest first (created_at, id), {@code limit} after {@code after}; a next cursor when more exist. */
  CursorPage<JobView> page(Caller caller, String status, String kind, CursorPage.Position after, int limit) {
    List<JobView> fetched = jdbc.sql("""
        SELECT * FROM job WHERE organization_id = :org
          AND (CAST(:status AS text) IS NULL OR status = :status)
          AND (CAST(:kind AS text) IS NULL OR kind = :kind)
          AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid)))
        ORDER BY created_at DESC, id DESC LIMIT :limit""")
        .param("org", caller.organizationId()).param("status", status).param("kind", kind)
        .param("afterAt", after == null ? null : Timestamp.from(after.at()))
        .param("afterId", after == null ? null : after.id())
        .param("limit", limit + 1)
        .query(ParkedJobs::view).list();
    return CursorPage.of(fetched, limit, j -> new CursorPage.Position(j.createdAt(), j.id()));
  }

  JobView get(Caller caller, UUID id) {
    return jdbc.sql("SELECT * FROM job WHERE organization_id = ? AND id = ?").params(caller.organizationId(), id)
        .query(ParkedJobs::view).optional().orElseThrow(() -> new NotFound("Job " + id));
  }

  private static JobView view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new JobView(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("status"),
        rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getTimestamp("due_at").toInstant(),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
        rs.getString("last_error"), rs.getString("payload"));
  }

  @Transactional
  JobView retry(Caller caller, UUID id) {
    JobView job = get(caller, id);
    if (!jobs.retry(caller.organizationId(), id)) {
      throw new Conflict("Only a parked job can be retried; this one is " + job.status());
    }
    audit.record(caller, "job.retried", job.kind() + " (" + id + ")", null);
    return get(caller, id);
  }
}
