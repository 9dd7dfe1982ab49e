package org.offerdesk.app.notifications.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.web.CursorPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The email_outbox table. Every status change names the statuses it may start from, as
 * {@link EmailStatus} allows, so a stale or repeated update changes nothing.
 */
@Repository
class Outbox {

  /** What the outbox page and API filter on; null fields do not filter. */
  record Filter(EmailStatus status, String recipient) {
    static final Filter ALL = new Filter(null, null);
  }

  private static final String SUMMARY_COLUMNS = """
      id, organization_id, recipients, subject, template, dedupe_key, status, attempts, last_error, created_at,
      sent_at, NULL AS html, NULL AS text""";

  private final JdbcClient jdbc;

  Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds an email unless the organization already has one with its dedupe key; says whether it did. */
  boolean add(OutboxEmail email) {
    return jdbc.sql("""
        INSERT INTO email_outbox (id, organization_id, recipients, subject, html, text, template, dedupe_key, status,
          attempts, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
        ON CONFLICT (organization_id, dedupe_key) DO NOTHING""")
        .params(email.id(), email.organizationId(), email.to().toArray(String[]::new), email.subject(), email.html(),
            email.text(), email.template(), email.dedupeKey(), email.status().name(),
            Timestamp.from(email.createdAt()))
        .update() == 1;
  }

  Optional<UUID> idByDedupeKey(UUID organizationId, String dedupeKey) {
    return jdbc.sql("SELECT id FROM email_outbox WHERE organization_id = ? AND dedupe_key = ?")
        .params(organizationId, dedupeKey).query(UUID.class).optional();
  }

  /** One email of one organization, with its content. */
  Optional<OutboxEmail> find(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM email_outbox WHERE organization_id = ? AND id = ?")
        .params(organizationId, id).query(Outbox::map).optional();
  }

  /** An organization's emails, newest first, without their content. */
  CursorPage<OutboxEmail> list(UUID organizationId, Filter filter, CursorPage.Position after, int limit) {
    List<OutboxEmail> rows = jdbc.sql("SELECT " + SUMMARY_COLUMNS + """
         FROM email_outbox WHERE organization_id = :org
          AND (CAST(:status AS text) IS NULL OR status = :status)
          AND (CAST(:recipient AS text) IS NULL
               OR EXISTS (SELECT 1 FROM unnest(recipients) r WHERE r ILIKE :recipient))
          AND (CAST(:afterAt AS timestamptz) IS NULL
               OR (created_at, id) < (CAST(:afterAt AS timestamptz), :afterId))
        ORDER BY created_at DESC, id DESC LIMIT :limit""")
        .param("org", organizationId)
        .param("status", filter.status() == null ? null : filter.status().name())
        .param("recipient", filter.recipient() == null ? null : "%" + likeEscaped(filter.recipient()) + "%")
        .param("afterAt", after == null ? null : Timestamp.from(after.at()))
        .param("afterId", after == null ? new UUID(0, 0) : after.id())
        .param("limit", limit + 1)
        .query(Outbox::map).list();
    return CursorPage.of(rows, limit, e -> new CursorPage.Position(e.createdAt(), e.id()));
  }

  boolean markSent(UUID id, Instant at) {
    return jdbc.sql("UPDATE email_outbox SET status = 'SENT', attempts = attempts + 1, last_error = NULL, sent_at = ? "
            + "WHERE id = ? AND status IN (" + from(EmailStatus.SENT) + ")")
        .params(Timestamp.from(at), id).update() == 1;
  }

  boolean markFailed(UUID id, EmailStatus next, String error) {
    if (next != EmailStatus.RETRYING && next != EmailStatus.PARKED) {
      throw new IllegalArgumentException("A failed email is RETRYING or PARKED, not " + next);
    }
    return jdbc.sql("UPDATE email_outbox SET status = ?, attempts = attempts + 1, last_error = ? "
            + "WHERE id = ? AND status IN (" + from(next) + ")")
        .params(next.name(), error, id).update() == 1;
  }

  boolean move(UUID organizationId, UUID id, EmailStatus next) {
    return jdbc.sql("UPDATE email_outbox SET status = ? WHERE organization_id = ? AND id = ? AND status IN ("
            + from(next) + ")")
        .params(next.name(), organizationId, id).update() == 1;
  }

  private static String from(EmailStatus next) {
    return EmailStatus.movingTo(next).stream().map(s -> "'" + s.name() + "'").reduce((a, b) -> a + ", " + b)
        .orElse("NULL");
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static OutboxEmail map(ResultSet rs, int row) throws SQLException {
    Array recipients = rs.getArray("recipients");
    return new OutboxEmail(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
        List.copyOf(Arrays.asList((String[]) recipients.getArray())), rs.getString("subject"), rs.getString("html"),
        rs.getString("text"), rs.getString("template"), rs.getString("dedupe_key"),
        EmailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
        instant(rs, "created_at"), instant(rs, "sent_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
