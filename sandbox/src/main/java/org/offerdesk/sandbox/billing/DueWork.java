package org.offerdesk.sandbox.billing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Money work that falls due at a sandbox time (table {@code due_work}). Each piece has a key that makes it
 * exist once; it is marked done in the transaction that does it.
 */
@Repository
class DueWork {

  /** What there is to do. */
  enum Kind { INSTALLMENT, COLLECT, DISBURSE, MONTHLY_BILL, ADJUST }

  /** One piece of work: its key, kind, when it is due and what it is about. */
  record Item(String key, Kind kind, Instant dueAt, String subject) {}

  private final JdbcTemplate jdbc;

  DueWork(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Schedules the work unless work with this key exists (done or not); answers whether it is new. */
  boolean schedule(String key, Kind kind, Instant dueAt, String subject) {
    return jdbc.update("INSERT INTO due_work (work_key, kind, due_at, subject) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        key, kind.name(), Timestamp.from(dueAt), subject) == 1;
  }

  /** The earliest work due by {@code now}, locked for doing it in the current transaction. */
  Optional<Item> nextDue(Instant now) {
    return jdbc.query("SELECT work_key, kind, due_at, subject FROM due_work WHERE done_at IS NULL AND due_at <= ? "
            + "ORDER BY due_at, work_key LIMIT 1 FOR UPDATE SKIP LOCKED",
        (rs, row) -> new Item(rs.getString(1), Kind.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant(), rs.getString(4)),
        Timestamp.from(now)).stream().findFirst();
  }

  void done(Item item, Instant at) {
    jdbc.update("UPDATE due_work SET done_at = ? WHERE work_key = ?", Timestamp.from(at), item.key());
  }
}
