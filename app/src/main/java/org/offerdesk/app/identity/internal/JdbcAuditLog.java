package org.offerdesk.app.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.runtime.SecurityClock;
import org.offerdesk.app.web.CursorPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcAuditLog implements AuditLog {

  /** One line of the audit log. */
  record AuditEvent(UUID id, Instant occurredAt, String actor, String action, String target, String detail) {}

  private final JdbcClient jdbc;
  private final SecurityClock clock;

  JdbcAuditLog(JdbcClient jdbc, SecurityClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void record(Caller actor, String action, String target, String detail) {
    record(actor.organizationId(), actor.describe(), action, target, detail);
  }

  @Override
  public void record(UUID organizationId, String actor, String action, String target, String detail) {
    jdbc.sql("""
        INSERT INTO audit_event (id, organization_id, occurred_at, actor, action, target, detail)
        VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(UUID.randomUUID(), organizationId, Times.toTimestamp(clock.now()), actor, action, target, detail)
        .update();
  }

  /** Newest first. */
  CursorPage<AuditEvent> list(UUID organizationId, CursorPage.Position before, int limit) {
    List<AuditEvent> rows = jdbc.sql("""
        SELECT * FROM audit_event WHERE organization_id = :org
          AND (CAST(:beforeAt AS timestamptz) IS NULL OR (occurred_at, id) < (CAST(:beforeAt AS timestamptz), :beforeId))
        ORDER BY occurred_at DESC, id DESC LIMIT :limit""")
        .param("org", organizationId)
        .param("beforeAt", before == null ? null : Times.toTimestamp(before.at()))
        .param("beforeId", before == null ? new UUID(0, 0) : before.id())
        .param("limit", limit + 1)
        .query(JdbcAuditLog::map).list();
    return CursorPage.of(rows, limit, e -> new CursorPage.Position(e.occurredAt(), e.id()));
  }

  private static AuditEvent map(ResultSet rs, int row) throws SQLException {
    return new AuditEvent(rs.getObject("id", UUID.class), Times.instant(rs, "occurred_at"), rs.getString("actor"),
        rs.getString("action"), rs.getString("target"), rs.getString("detail"));
  }
}
