package org.offerdesk.app.demo.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code demo_seeding}: each seeding of a demo organization and how far it got. */
@Repository
class DemoSeedingStore {

  private final JdbcClient jdbc;

  DemoSeedingStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims a new running seeding; empty when one of the organization is already running. */
  Optional<DemoSeeding> start(UUID org, String cause, Instant at) {
    UUID id = UUID.randomUUID();
    try {
      jdbc.sql("""
          INSERT INTO demo_seeding (id, organization_id, cause, status, started_at) VALUES (?, ?, ?, 'RUNNING', ?)""")
          .params(id, org, cause, Timestamp.from(at)).update();
    } catch (DuplicateKeyException running) {
      return Optional.empty();
    }
    return find(org, id);
  }

  /** Claims the first seeding of the organization: empty when it was ever seeded (or is being seeded). */
  Optional<DemoSeeding> startFirst(UUID org, Instant at) {
    UUID id = UUID.randomUUID();
    int inserted;
    try {
      inserted = jdbc.sql("""
          INSERT INTO demo_seeding (id, organization_id, cause, status, started_at)
          SELECT ?, ?, 'START', 'RUNNING', ? WHERE NOT EXISTS (SELECT 1 FROM demo_seeding WHERE organization_id = ?)""")
          .params(id, org, Timestamp.from(at), org).update();
    } catch (DuplicateKeyException running) {
      return Optional.empty();
    }
    return inserted == 1 ? find(org, id) : Optional.empty();
  }

  Optional<DemoSeeding> find(UUID org, UUID id) {
    return jdbc.sql("SELECT * FROM demo_seeding WHERE organization_id = ? AND id = ?").params(org, id)
        .query(DemoSeedingStore::map).optional();
  }

  Optional<DemoSeeding> running(UUID org) {
    return jdbc.sql("SELECT * FROM demo_seeding WHERE organization_id = ? AND status = 'RUNNING'").param(org)
        .query(DemoSeedingStore::map).optional();
  }

  void progress(UUID org, UUID id, int done, int total, String step) {
    jdbc.sql("UPDATE demo_seeding SET steps_done = ?, steps_total = ?, step = ? WHERE organization_id = ? AND id = ?")
        .params(done, total, step, org, id).update();
  }

  void finish(UUID org, UUID id, String status, String summary, String error, Instant at) {
    jdbc.sql("""
        UPDATE demo_seeding SET status = ?, summary = CAST(? AS jsonb), error = ?, finished_at = ?,
          steps_done = CASE WHEN ? = 'DONE' THEN steps_total ELSE steps_done END
        WHERE organization_id = ? AND id = ?""")
        .params(status, summary, error, Timestamp.from(at), status, org, id).update();
  }

  /** A seeding left RUNNING by an instance that stopped: it will not finish, so it failed. */
  int abandon(UUID org, Instant at) {
    return jdbc.sql("""
        UPDATE demo_seeding SET status = 'FAILED', error = 'OfferDesk stopped while seeding', finished_at = ?
        WHERE organization_id = ? AND status = 'RUNNING'""").params(Timestamp.from(at), org).update();
  }

  private static DemoSeeding map(ResultSet rs, int row) throws SQLException {
    Timestamp finished = rs.getTimestamp("finished_at");
    return new DemoSeeding(rs.getObject("id", UUID.class), rs.getString("cause"), rs.getString("status"),
        rs.getInt("steps_done"), rs.getInt("steps_total"), rs.getString("step"), rs.getString("error"),
        rs.getString("summary"),
        rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant());
  }
}
