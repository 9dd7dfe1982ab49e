package org.offerdesk.app.webhooks.internal;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.web.CursorPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Published events, their deliveries and every attempt: the webhook_event, _delivery and _attempt tables. */
@Repository
class DeliveryLog {

  /** What the delivery job needs to send one attempt. */
  record Outgoing(UUID deliveryId, UUID organizationId, int series, URI url, boolean endpointEnabled,
      String sealedSecret, String eventId, String eventType, String body) {}

  private static final String DELIVERY_COLUMNS = """
      d.id, d.organization_id, d.endpoint_id, ev.event_id, ev.type, d.status, d.series, d.attempts,
      d.last_response_status, d.last_response_excerpt, d.last_error, d.created_at, d.last_attempt_at, d.delivered_at
      """;

  private final JdbcClient jdbc;

  DeliveryLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Keeps an event; false when the organization already has one with this event ID. */
  boolean addEvent(UUID id, UUID organizationId, String eventId, String type, String body, Instant at) {
    return jdbc.sql("""
        INSERT INTO webhook_event (id, organization_id, event_id, type, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (organization_id, event_id) DO NOTHING""")
        .params(id, organizationId, eventId, type, body, Timestamp.from(at)).update() == 1;
  }

  /** An event to keep: its row ID, event ID, type and body. */
  record NewEvent(UUID id, String eventId, String type, String body) {}

  /** Keeps events in one statement; answers those that were new (the organization had no such event ID). */
  List<NewEvent> addEvents(UUID organizationId, List<NewEvent> events, Instant at) {
    if (events.isEmpty()) {
      return List.of();
    }
    Map<UUID, NewEvent> byId = new LinkedHashMap<>();
    events.forEach(e -> byId.put(e.id(), e));
    return jdbc.sql("""
        INSERT INTO webhook_event (id, organization_id, event_id, type, body, created_at)
        SELECT i, ?, e, t, b, ? FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
          AS n(i, e, t, b)
        ON CONFLICT (organization_id, event_id) DO NOTHING RETURNING id""")
        .params(organizationId, Timestamp.from(at), events.stream().map(NewEvent::id).toArray(UUID[]::new),
            events.stream().map(NewEvent::eventId).toArray(String[]::new),
            events.stream().map(NewEvent::type).toArray(String[]::new),
            events.stream().map(NewEvent::body).toArray(String[]::new))
        .query((rs, row) -> byId.get(rs.getObject(1, UUID.class))).list();
  }

  void addDelivery(UUID id, UUID organizationId, UUID endpointId, UUID eventRowId, Instant at) {
    jdbc.sql("""
        INSERT INTO webhook_delivery (id, organization_id, endpoint_id, event_id, status, series, attempts, created_at)
        VALUES (?, ?, ?, ?, 'PENDING', 1, 0, ?)""")
        .params(id, organizationId, endpointId, eventRowId, Timestamp.from(at)).update();
  }

  /** The delivery in this series, unless it was delivered, superseded by a redeliver, or its endpoint deleted. */
  Optional<Outgoing> outgoing(UUID deliveryId, int series) {
    return jdbc.sql("""
        SELECT d.id, d.organization_id, d.series, e.url, e.enabled, e.sealed_secret, ev.event_id, ev.type, ev.body
        FROM webhook_delivery d
          JOIN webhook_endpoint e ON e.id = d.endpoint_id
          JOIN webhook_event ev ON ev.id = d.event_id
        WHERE d.id = ? AND d.series = ? AND d.status <> 'DELIVERED'""")
        .params(deliveryId, series)
        .query((rs, row) -> new Outgoing(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
            rs.getInt("series"), URI.create(rs.getString("url")), rs.getBoolean("enabled"),
            rs.getString("sealed_secret"), rs.getString("event_id"), rs.getString("type"), rs.getString("body")))
        .optional();
  }

  /** Writes an attempt down and moves the delivery on, if it is still in that series. */
  void recordAttempt(UUID deliveryId, int series, int number, Instant at, SendOutcome outcome,
      DeliveryStatus next) {
    int moved = jdbc.sql("""
        UPDATE webhook_delivery SET status = :status, attempts = attempts + 1, last_response_status = :code,
          last_response_excerpt = :excerpt, last_error = :error, last_attempt_at = :at,
          delivered_at = CASE WHEN :status = 'DELIVERED' THEN CAST(:at AS timestamptz) ELSE delivered_at END
        WHERE id = :id AND series = :series""")
        .param("status", next.name()).param("code", outcome.responseStatus())
        .param("excerpt", outcome.responseExcerpt()).param("error", outcome.error())
        .param("at", Timestamp.from(at)).param("id", deliveryId).param("series", series)
        .update();
    if (moved == 1) {
      jdbc.sql("""
          INSERT INTO webhook_attempt (id, delivery_id, series, number, attempted_at, response_status,
            response_excerpt, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(UUID.randomUUID(), deliveryId, series, number, Timestamp.from(at), outcome.responseStatus(),
              outcome.responseExcerpt(), outcome.error(), (int) Math.min(Integer.MAX_VALUE, outcome.durationMs()))
          .update();
    }
  }

  /** Ends a series without sending (the endpoint was disabled meanwhile). */
  void giveUp(UUID deliveryId, int series, String reason) {
    jdbc.sql("UPDATE webhook_delivery SET status = 'FAILED', last_error = ? WHERE id = ? AND series = ?")
        .params(reason, deliveryId, series).update();
  }

  /** Starts a new series of attempts; returns its number. */
  int startSeries(UUID organizationId, UUID deliveryId) {
    return jdbc.sql("""
        UPDATE webhook_delivery SET status = 'PENDING', series = series + 1
        WHERE id = ? AND organization_id = ? RETURNING series""")
        .params(deliveryId, organizationId).query(Integer.class).single();
  }

  Optional<Delivery> byId(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT " + DELIVERY_COLUMNS + """
        FROM webhook_delivery d JOIN webhook_event ev ON ev.id = d.event_id
        WHERE d.id = ? AND d.organization_id = ?""")
        .params(id, organizationId).query(DeliveryLog::map).optional();
  }

  /** An endpoint's deliveries, newest first, optionally of one status. */
  CursorPage<Delivery> list(UUID organizationId, UUID endpointId, DeliveryStatus status, CursorPage.Position after,
      int limit) {
    List<Delivery> rows = jdbc.sql("SELECT " + DELIVERY_COLUMNS + """
        FROM webhook_delivery d JOIN webhook_event ev ON ev.id = d.event_id
        WHERE d.organization_id = :org AND d.endpoint_id = :endpoint
          AND (CAST(:status AS text) IS NULL OR d.status = :status)
          AND (CAST(:afterAt AS timestamptz) IS NULL
            OR (d.created_at, d.id) < (CAST(:afterAt AS timestamptz), :afterId))
        ORDER BY d.created_at DESC, d.id DESC LIMIT :limit""")
        .param("org", organizationId).param("endpoint", endpointId)
        .param("status", status == null ? null : status.name())
        .param("afterAt", after == null ? null : Timestamp.from(after.at()))
        .param("afterId", after == null ? new UUID(0, 0) : after.id())
        .param("limit", limit + 1)
        .query(DeliveryLog::map).list();
    return CursorPage.of(rows, limit, d -> new CursorPage.Position(d.createdAt(), d.id()));
  }

  /** The attempts of these deliveries, oldest first, by delivery. */
  Map<UUID, List<Delivery.Attempt>> attempts(List<UUID> deliveryIds) {
    Map<UUID, List<Delivery.Attempt>> byDelivery = new LinkedHashMap<>();
    if (deliveryIds.isEmpty()) {
      return byDelivery;
    }
    jdbc.sql("""
        SELECT * FROM webhook_attempt WHERE delivery_id = ANY (CAST(string_to_array(:ids, ',') AS uuid[]))
        ORDER BY attempted_at, series, number""")
        .param("ids", String.join(",", deliveryIds.stream().map(UUID::toString).toList()))
        .query((rs, row) -> {
          byDelivery.computeIfAbsent(rs.getObject("delivery_id", UUID.class), k -> new java.util.ArrayList<>())
              .add(new Delivery.Attempt(rs.getObject("id", UUID.class), rs.getInt("series"), rs.getInt("number"),
                  EndpointStore.instant(rs, "attempted_at"), (Integer) rs.getObject("response_status"),
                  rs.getString("response_excerpt"), rs.getString("error"), rs.getLong("duration_ms")));
          return null;
        })
        .list();
    return byDelivery;
  }

  private static Delivery map(ResultSet rs, int row) throws SQLException {
    return new Delivery(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
        rs.getObject("endpoint_id", UUID.class), rs.getString("event_id"), rs.getString("type"),
        DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("series"), rs.getInt("attempts"),
        (Integer) rs.getObject("last_response_status"), rs.getString("last_response_excerpt"),
        rs.getString("last_error"), EndpointStore.instant(rs, "created_at"),
        EndpointStore.instant(rs, "last_attempt_at"), EndpointStore.instant(rs, "delivered_at"));
  }
}
