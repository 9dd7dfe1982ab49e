package org.offerdesk.app.notifications.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.sql.SqlReads;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The team_notice and team_notification tables. Every read and update of a user's notifications names
 * both the organization and the user, so no one reaches another's.
 */
@Repository
class Notices {

  private static final String COLUMNS = """
      n.id, n.created_at, n.read_at, t.type, t.title, t.summary, t.link, t.facts
        FROM team_notification n JOIN team_notice t ON t.id = n.notice_id""";

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  Notices(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** A notice to add with {@link #addNotices}. */
  record NewNotice(UUID id, UUID organizationId, NotificationType type, String title, String summary, String link,
      Map<String, String> facts, String dedupeKey) {}

  /** Adds the notices whose dedupe key their organization has not used, in one statement; the IDs of those added. */
  java.util.Set<UUID> addNotices(List<NewNotice> notices, Instant at) {
    java.util.Set<UUID> added = new java.util.HashSet<>();
    if (notices.isEmpty()) {
      return added;
    }
    List<String> facts = new ArrayList<>();
    for (NewNotice n : notices) {
      List<List<String>> pairs = new ArrayList<>();
      n.facts().forEach((k, v) -> pairs.add(List.of(k, v)));
      facts.add(json(pairs));
    }
    jdbc.sql("""
        INSERT INTO team_notice (id, organization_id, type, title, summary, link, facts, dedupe_key, created_at)
        SELECT n.id, n.org, n.type, n.title, n.summary, n.link, CAST(n.facts AS jsonb), n.dedupe_key, ?
        FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
          CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY
          AS n(id, org, type, title, summary, link, facts, dedupe_key, i)
        ORDER BY n.i
        ON CONFLICT (organization_id, dedupe_key) DO NOTHING RETURNING id""")
        .params(Timestamp.from(at), notices.stream().map(NewNotice::id).toArray(UUID[]::new),
            notices.stream().map(NewNotice::organizationId).toArray(UUID[]::new),
            notices.stream().map(n -> n.type().name()).toArray(String[]::new),
            notices.stream().map(NewNotice::title).toArray(String[]::new),
            notices.stream().map(NewNotice::summary).toArray(String[]::new),
            notices.stream().map(NewNotice::link).toArray(String[]::new), facts.toArray(String[]::new),
            notices.stream().map(NewNotice::dedupeKey).toArray(String[]::new))
        .query((rs, row) -> rs.getObject(1, UUID.class)).list().forEach(added::add);
    return added;
  }

  /** One user's notification of a notice, for {@link #addNotifications}. */
  record NewNotification(UUID noticeId, UUID organizationId, UUID userId) {}

  /** Adds the notifications (each once per notice and user) in one statement. */
  void addNotifications(List<NewNotification> notifications, Instant at) {
    if (notifications.isEmpty()) {
      return;
    }
    jdbc.sql("""
        INSERT INTO team_notification (id, notice_id, organization_id, user_id, created_at)
        SELECT gen_random_uuid(), n.notice_id, n.org, n.user_id, ?
        FROM unnest(CAST(? AS uuid[]), CAST(? AS uuid[]), CAST(? AS uuid[])) AS n(notice_id, org, user_id)
        ON CONFLICT (notice_id, user_id) DO NOTHING""")
        .params(Timestamp.from(at), notifications.stream().map(NewNotification::noticeId).toArray(UUID[]::new),
            notifications.stream().map(NewNotification::organizationId).toArray(UUID[]::new),
            notifications.stream().map(NewNotification::userId).toArray(UUID[]::new))
        .update();
  }


  /** A user's notifications, newest first, optionally only the unread ones. */
  CursorPage<Notification> list(UUID organizationId, UUID userId, boolean unreadOnly, CursorPage.Position after,
      int limit) {
    List<Notification> rows = jdbc.sql("SELECT " + COLUMNS + """
         WHERE n.organization_id = :org AND n.user_id = :user
          AND (NOT :unreadOnly OR n.read_at IS NULL)
          AND (CAST(:afterAt AS timestamptz) IS NULL
               OR (n.created_at, n.id) < (CAST(:afterAt AS timestamptz), :afterId))
        ORDER BY n.created_at DESC, n.id DESC LIMIT :limit""")
        .param("org", organizationId)
        .param("user", userId)
        .param("unreadOnly", unreadOnly)
        .param("afterAt", after == null ? null : Timestamp.from(after.at()))
        .param("afterId", after == null ? new UUID(0, 0) : after.id())
        .param("limit", limit + 1)
        .query(this::map).list();
    return CursorPage.of(rows, limit, n -> new CursorPage.Position(n.createdAt(), n.id()));
  }

  Optional<Notification> find(UUID organizationId, UUID userId, UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " WHERE n.organization_id = ? AND n.user_id = ? AND n.id = ?")
        .params(organizationId, userId, id).query(this::map).optional();
  }

  SqlReads.Read<Long> unreadCount(UUID organizationId, UUID userId) {
    return SqlReads.Read.of("""
        SELECT count(*) FROM team_notification WHERE organization_id = ? AND user_id = ? AND read_at IS NULL""",
        SqlReads.Read.count(), organizationId, userId);
  }

  /** Marks one notification read, if it is unread; the first read time is kept. */
  void markRead(UUID organizationId, UUID userId, UUID id, Instant at) {
    jdbc.sql("""
        UPDATE team_notification SET read_at = ?
         WHERE organization_id = ? AND user_id = ? AND id = ? AND read_at IS NULL""")
        .params(Timestamp.from(at), organizationId, userId, id).update();
  }

  int markAllRead(UUID organizationId, UUID userId, Instant at) {
    return jdbc.sql("""
        UPDATE team_notification SET read_at = ? WHERE organization_id = ? AND user_id = ? AND read_at IS NULL""")
        .params(Timestamp.from(at), organizationId, userId).update();
  }

  private Notification map(ResultSet rs, int row) throws SQLException {
    NotificationType type = NotificationType.valueOf(rs.getString("type"));
    Timestamp readAt = rs.getTimestamp("read_at");
    return new Notification(rs.getObject("id", UUID.class), type, NoticeRules.label(type), rs.getString("title"),
        rs.getString("summary"), rs.getString("link"), facts(rs.getString("facts")),
        rs.getTimestamp("created_at").toInstant(), readAt == null ? null : readAt.toInstant());
  }

  private Map<String, String> facts(String json) {
    try {
      List<List<String>> pairs = mapper.readValue(json, new TypeReference<List<List<String>>>() {});
      Map<String, String> facts = new LinkedHashMap<>();
      pairs.forEach(p -> facts.put(p.get(0), p.get(1)));
      return facts;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable facts: " + json, e);
    }
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
