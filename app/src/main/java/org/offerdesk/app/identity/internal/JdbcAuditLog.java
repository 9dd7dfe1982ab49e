package org.offerdesk.app.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.runtime.SecurityClock;
import org.offerdesk.app.web.CursorPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The audit log in PostgreSQL: written by every module through {@link AuditLog}, read by the settings. */
@Component
record JdbcAuditLog(JdbcClient jdbc, SecurityClock clock) implements AuditLog {

  /** One line of the audit log. */
  record AuditEvent(UUID id, Instant occurredAt, String actor, String action, String target, String detail) {}

  private static final TimeOrder<AuditEvent> NEWEST_FIRST =
      TimeOrder.of("audit_event", "occurred_at", true, JdbcAuditLog::map, AuditEvent::occurredAt, AuditEvent::id);

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
  CursorPage<AuditEvent> list(UUID organizationId, String cursor, int limit) {
    return NEWEST_FIRST.page(jdbc, organizationId, cursor, limit);
  }

  private static AuditEvent map(ResultSet rs, int row) throws SQLException {
    return new AuditEvent(rs.getObject("id", UUID.class), Times.instant(rs, "occurred_at"), rs.getString("actor"),
        rs.getString("action"), rs.getString("target"), rs.getString("detail"));
  }
}
