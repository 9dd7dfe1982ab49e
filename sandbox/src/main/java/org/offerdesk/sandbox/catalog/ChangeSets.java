package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.offerdesk.sandbox.clock.Alarm;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Change sets in table {@code change_set}, and the entity locks they hold while running. */
@Repository
public class ChangeSets {

  private static final String COLUMNS = "change_set_id, account_id, name, intent, status, start_time, end_time, "
      + "failure_code, failure_description, changes, entity_ids";
  private static final TypeReference<List<ChangeSet.Change>> CHANGES = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final Arns arns;
  private final ApplicationEventPublisher events;
  /**
   * What the change-set worker ({@link ChangeSetProcessor}) waits on; signalled here when a change set is started,
   * by the worker when the clock moves.
   */
  private final Alarm wakeups = new Alarm();

  public ChangeSets(JdbcTemplate jdbc, Arns arns, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.arns = arns;
    this.events = events;
  }

  /** A change set already started with a client request token, and the hash of its request. */
  record Earlier(String changeSetId, String requestHash) {}

  Optional<Earlier> findByToken(String accountId, String token) {
    return jdbc.query("SELECT change_set_id, request_hash FROM change_set WHERE account_id = ? AND client_request_token = ?",
        (rs, row) -> new Earlier(rs.getString(1), rs.getString(2)), accountId, token).stream().findFirst();
  }

  public Optional<ChangeSet> find(String changeSetId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM change_set WHERE change_set_id = ?", ChangeSets::map, changeSetId)
        .stream()
        .findFirst();
  }

  /** Locks the row, for the worker and for cancellation. */
  Optional<ChangeSet> findForUpdate(String changeSetId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM change_set WHERE change_set_id = ? FOR UPDATE", ChangeSets::map,
        changeSetId).stream().findFirst();
  }

  /**
   * Locks the row if the change set is still running and its next step is due at {@code now}, as the worker steps
   * it: a step another worker committed meanwhile has moved {@code due_at} on, and the row is then not found (the
   * lock waits for that commit and checks the row's new version).
   */
  Optional<ChangeSet> findDueForUpdate(String changeSetId, Instant now) {
    return jdbc.query("SELECT " + COLUMNS + " FROM change_set WHERE change_set_id = ? AND status IN ('PREPARING', "
        + "'APPLYING') AND due_at <= ? FOR UPDATE", ChangeSets::map, changeSetId, Timestamp.from(now)).stream()
        .findFirst();
  }

  public List<ChangeSet> ofAccount(String accountId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM change_set WHERE account_id = ? ORDER BY start_time, change_set_id",
        ChangeSets::map, accountId);
  }

  public List<ChangeSet> recent(int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM change_set ORDER BY start_time DESC LIMIT ?", ChangeSets::map, limit);
  }

  int runningCount(String accountId) {
    Integer n = jdbc.queryForObject(
        "SELECT count(*) FROM change_set WHERE account_id = ? AND status IN ('PREPARING', 'APPLYING')", Integer.class,
        accountId);
    return n == null ? 0 : n;
  }

  void insert(ChangeSet cs, String clientRequestToken, String requestHash, Instant dueAt) {
    jdbc.update("INSERT INTO change_set (change_set_id, account_id, name, intent, status, client_request_token, "
            + "request_hash, start_time, due_at, changes, entity_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)",
        ps -> {
          ps.setString(1, cs.id());
          ps.setString(2, cs.accountId());
          ps.setString(3, cs.name());
          ps.setString(4, cs.intent());
          ps.setString(5, cs.status().name());
          ps.setString(6, clientRequestToken);
          ps.setString(7, requestHash);
          ps.setTimestamp(8, Timestamp.from(cs.startTime()));
          ps.setTimestamp(9, Timestamp.from(dueAt));
          ps.setString(10, json(cs.changes()));
          ps.setArray(11, ps.getConnection().createArrayOf("text", cs.entityIds().toArray()));
        });
    wakeups.signalAfterCommit();
  }

  Alarm wakeups() {
    return wakeups;
  }

  /**
   * Records a move to another state; refuses moves the lifecycle does not allow. Every ending passes
   * here, so this is where {@link CatalogEvent.ChangeSetEnded} is published, in the same transaction.
   */
  void update(ChangeSet before, ChangeSet after, Instant dueAt) {
    if (!before.status().canMoveTo(after.status())) {
      throw new IllegalStateException("Change set " + before.id() + " cannot go from " + before.status() + " to " + after.status());
    }
    jdbc.update("UPDATE change_set SET status = ?, end_time = ?, due_at = ?, failure_code = ?, failure_description = ?, "
            + "changes = ?::jsonb WHERE change_set_id = ?",
        after.status().name(), after.endTime() == null ? null : Timestamp.from(after.endTime()),
        dueAt == null ? null : Timestamp.from(dueAt), after.failureCode(), after.failureDescription(),
        json(after.changes()), after.id());
    if (after.status().isTerminal()) {
      jdbc.update("DELETE FROM entity_lock WHERE change_set_id = ?", after.id());
      events.publishEvent(new CatalogEvent.ChangeSetEnded(after, arns.changeSet(after.accountId(), after.id())));
    }
  }

  /** Brings the next step of every running change set forward to {@code due} at the latest. */
  int resumeNoLaterThan(Instant due) {
    return jdbc.update("UPDATE change_set SET due_at = LEAST(due_at, ?) WHERE status IN ('PREPARING', 'APPLYING')",
        Timestamp.from(due));
  }

  /** A running change set and when its next step is due. */
  record Running(String changeSetId, Instant dueAt) {}

  /** The running change sets whose next step comes first, the soonest first (due or not). */
  List<Running> soonest(int limit) {
    return jdbc.query("SELECT change_set_id, due_at FROM change_set WHERE status IN ('PREPARING', 'APPLYING') "
        + "ORDER BY due_at LIMIT ?", (rs, row) -> new Running(rs.getString(1),
            rs.getTimestamp(2) == null ? Instant.EPOCH : rs.getTimestamp(2).toInstant()), limit);
  }

  /**
   * Locks the entities for the change set; answers the ID of a change set that already holds one of
   * them, in which case nothing is locked.
   */
  Optional<String> lock(List<String> entityIds, String changeSetId) {
    if (entityIds.isEmpty()) {
      return Optional.empty();
    }
    jdbc.execute("SELECT pg_advisory_xact_lock(4242)");
    List<String> holders = jdbc.queryForList(
        "SELECT change_set_id FROM entity_lock WHERE entity_id = ANY (?)", String.class,
        (Object) entityIds.toArray(String[]::new));
    if (!holders.isEmpty()) {
      return Optional.of(holders.get(0));
    }
    for (String id : entityIds) {
      jdbc.update("INSERT INTO entity_lock (entity_id, change_set_id) VALUES (?, ?)", id, changeSetId);
    }
    return Optional.empty();
  }

  private static String json(List<ChangeSet.Change> changes) {
    try {
      return CatalogEntities.STORAGE.writeValueAsString(changes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ChangeSet map(ResultSet rs, int row) throws SQLException {
    try {
      Array ids = rs.getArray("entity_ids");
      return new ChangeSet(
          rs.getString("change_set_id"),
          rs.getString("account_id"),
          rs.getString("name"),
          rs.getString("intent"),
          ChangeSetStatus.valueOf(rs.getString("status")),
          rs.getTimestamp("start_time").toInstant(),
          Optional.ofNullable(rs.getTimestamp("end_time")).map(Timestamp::toInstant).orElse(null),
          rs.getString("failure_code"),
          rs.getString("failure_description"),
          CatalogEntities.STORAGE.readValue(rs.getString("changes"), CHANGES),
          Arrays.asList((String[]) ids.getArray()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable change set", e);
    }
  }
}
