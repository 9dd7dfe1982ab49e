package org.offerdesk.app.jobs.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.ApiProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an admin sees of an organization's jobs, and the retry of a parked one. */
@Service
class ParkedJobs {

  record JobView(UUID id, String kind, String status, int attempts, int maxAttempts, Instant dueAt,
      Instant createdAt, Instant finishedAt, String lastError, String payload) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final AuditLog audit;
  private final JobWorker worker;

  ParkedJobs(JdbcClient jdbc, Clock clock, AuditLog audit, JobWorker worker) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.audit = audit;
    this.worker = worker;
  }

  List<JobView> list(Caller caller, String status, int limit) {
    return jdbc.sql("""
        SELECT * FROM job WHERE organization_id = :org AND (CAST(:status AS text) IS NULL OR status = :status)
        ORDER BY created_at DESC LIMIT :limit""")
        .param("org", caller.organizationId()).param("status", status).param("limit", limit)
        .query((rs, row) -> new JobView(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("status"),
            rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getTimestamp("due_at").toInstant(),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
            rs.getString("last_error"), rs.getString("payload")))
        .list();
  }

  JobView get(Caller caller, UUID id) {
    return list(caller, null, 10_000).stream().filter(j -> j.id().equals(id)).findFirst()
        .orElseThrow(() -> ApiProblem.notFound("Job " + id));
  }

  @Transactional
  JobView retry(Caller caller, UUID id) {
    JobView job = get(caller, id);
    if (!"PARKED".equals(job.status())) {
      throw ApiProblem.conflict("Only a parked job can be retried; this one is " + job.status());
    }
    jdbc.sql("""
        UPDATE job SET status = 'PENDING', attempts = 0, due_at = ?, finished_at = NULL
        WHERE id = ? AND organization_id = ? AND status = 'PARKED'""")
        .params(Timestamp.from(clock.instant()), id, caller.organizationId()).update();
    audit.record(caller, "job.retried", job.kind() + " (" + id + ")", null);
    worker.wakeUp();
    return get(caller, id);
  }
}
