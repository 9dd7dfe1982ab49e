package org.offerdesk.app.finance.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The feed syncs: who asked, how far each got, and what it read. */
@Repository
class SyncStore {

  /** A sync as the API shows it. */
  record Sync(UUID syncId, String trigger, String status, int files, long rowsRead, long rowsNew, String error,
      Instant requestedAt, Instant startedAt, Instant finishedAt) {}

  private final JdbcClient jdbc;

  SyncStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void create(UUID organizationId, UUID id, String trigger, Instant at) {
    jdbc.sql("""
        INSERT INTO finance_sync (id, organization_id, trigger, status, requested_at) VALUES (?, ?, ?, 'PENDING', ?)""")
        .params(id, organizationId, trigger, Timestamp.from(at)).update();
  }

  void started(UUID organizationId, UUID id, Instant at) {
    jdbc.sql("UPDATE finance_sync SET status = 'RUNNING', started_at = coalesce(started_at, ?), error = NULL "
        + "WHERE organization_id = ? AND id = ?").params(Timestamp.from(at), organizationId, id).update();
  }

  /** Adds what one batch (or one file) read, in the batch's transaction. */
  void count(UUID organizationId, UUID id, int files, long rowsRead, long rowsNew) {
    jdbc.sql("UPDATE finance_sync SET files = files + ?, rows_read = rows_read + ?, rows_new = rows_new + ? "
        + "WHERE organization_id = ? AND id = ?").params(files, rowsRead, rowsNew, organizationId, id).update();
  }

  void finished(UUID organizationId, UUID id, String error, Instant at) {
    jdbc.sql("UPDATE finance_sync SET status = ?, error = ?, finished_at = ? WHERE organization_id = ? AND id = ?")
        .params(error == null ? "DONE" : "FAILED", error, Timestamp.from(at), organizationId, id).update();
  }

  Optional<Sync> find(UUID organizationId, UUID id) {
    return jdbc.sql("""
        SELECT id, trigger, status, files, rows_read, rows_new, error, requested_at, started_at, finished_at
        FROM finance_sync WHERE organization_id = ? AND id = ?""").params(organizationId, id)
        .query((rs, row) -> new Sync(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
            rs.getLong(5), rs.getLong(6), rs.getString(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
            instant(rs.getTimestamp(10)))).optional();
  }

  /** The organization's last sync, if any. */
  Optional<Sync> latest(UUID organizationId) {
    return jdbc.sql("SELECT id FROM finance_sync WHERE organization_id = ? ORDER BY requested_at DESC LIMIT 1")
        .param(organizationId).query(UUID.class).optional().flatMap(id -> find(organizationId, id));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
