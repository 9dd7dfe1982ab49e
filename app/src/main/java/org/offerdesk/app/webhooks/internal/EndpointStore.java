package org.offerdesk.app.webhooks.internal;

import java.net.URI;
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
import org.offerdesk.app.webhooks.WebhookEventType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlValue;
import org.springframework.stereotype.Repository;

/** The webhook_endpoint table; every query is scoped to one organization. */
@Repository
class EndpointStore {

  private final JdbcClient jdbc;

  EndpointStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(Endpoint e) {
    jdbc.sql("""
        INSERT INTO webhook_endpoint (id, organization_id, url, description, events, enabled, sealed_secret,
          secret_hint, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(e.id(), e.organizationId(), e.url().toString(), e.description(), new TextArray(e.events()),
            e.enabled(), e.sealedSecret(), e.secretHint(), Timestamp.from(e.createdAt()),
            Timestamp.from(e.updatedAt()))
        .update();
  }

  void update(Endpoint e) {
    jdbc.sql("""
        UPDATE webhook_endpoint SET url = ?, description = ?, events = ?, enabled = ?, sealed_secret = ?,
          secret_hint = ?, updated_at = ?
        WHERE id = ? AND organization_id = ?""")
        .params(e.url().toString(), e.description(), new TextArray(e.events()), e.enabled(), e.sealedSecret(),
            e.secretHint(), Timestamp.from(e.updatedAt()), e.id(), e.organizationId())
        .update();
  }

  boolean delete(UUID organizationId, UUID id) {
    return jdbc.sql("DELETE FROM webhook_endpoint WHERE id = ? AND organization_id = ?")
        .params(id, organizationId).update() == 1;
  }

  Optional<Endpoint> byId(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM webhook_endpoint WHERE id = ? AND organization_id = ?")
        .params(id, organizationId).query(EndpointStore::map).optional();
  }

  /** Locks the endpoint's row, so that changes to it (a rotation, a toggle) apply one after the other. */
  Optional<Endpoint> lock(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM webhook_endpoint WHERE id = ? AND organization_id = ? FOR UPDATE")
        .params(id, organizationId).query(EndpointStore::map).optional();
  }

  CursorPage<Endpoint> list(UUID organizationId, CursorPage.Position after, int limit) {
    List<Endpoint> rows = jdbc.sql("""
        SELECT * FROM webhook_endpoint WHERE organization_id = :org
          AND (CAST(:afterAt AS timestamptz) IS NULL OR (created_at, id) > (CAST(:afterAt AS timestamptz), :afterId))
        ORDER BY created_at, id LIMIT :limit""")
        .param("org", organizationId)
        .param("afterAt", after == null ? null : Timestamp.from(after.at()))
        .param("afterId", after == null ? new UUID(0, 0) : after.id())
        .param("limit", limit + 1)
        .query(EndpointStore::map).list();
    return CursorPage.of(rows, limit, e -> new CursorPage.Position(e.createdAt(), e.id()));
  }

  boolean any(UUID organizationId) {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM webhook_endpoint WHERE organization_id = ?)")
        .param(organizationId).query(Boolean.class).single();
  }

  /** The enabled endpoints of an organization that receive events of this type. */
  List<Endpoint> subscribedTo(UUID organizationId, String eventType) {
    return jdbc.sql("""
        SELECT * FROM webhook_endpoint WHERE organization_id = ? AND enabled
          AND (? = ANY (events) OR ? = ANY (events))
        ORDER BY created_at, id""")
        .params(organizationId, eventType, WebhookEventType.ALL)
        .query(EndpointStore::map).list();
  }

  private static Endpoint map(ResultSet rs, int row) throws SQLException {
    Array events = rs.getArray("events");
    return new Endpoint(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
        URI.create(rs.getString("url")), rs.getString("description"),
        Arrays.asList((String[]) events.getArray()), rs.getBoolean("enabled"), rs.getString("sealed_secret"),
        rs.getString("secret_hint"), instant(rs, "created_at"), instant(rs, "updated_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }

  /** A list of strings bound as a PostgreSQL text[]. */
  private record TextArray(List<String> values) implements SqlValue {
    @Override
    public void setValue(java.sql.PreparedStatement ps, int index) throws SQLException {
      ps.setArray(index, ps.getConnection().createArrayOf("text", values.toArray()));
    }

    @Override
    public void cleanup() {
      // nothing held
    }
  }
}
