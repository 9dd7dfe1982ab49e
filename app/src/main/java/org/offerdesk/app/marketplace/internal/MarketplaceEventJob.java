package org.offerdesk.app.marketplace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands one stored marketplace event to every capability that handles it. A failure retries the whole
 * event; after the last attempt it is parked, visible to admins with the event's body, and retryable.
 */
@Component
class MarketplaceEventJob implements JobHandler {

  static final String KIND = "marketplace.event";

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;
  private final List<MarketplaceEventHandler> handlers;
  private final Clock clock;
  private final int maxAttempts;

  MarketplaceEventJob(JdbcClient jdbc, ObjectMapper mapper, @Lazy List<MarketplaceEventHandler> handlers,
      Clock clock, @org.springframework.beans.factory.annotation.Value("${offerdesk.events.max-attempts:8}")
      int maxAttempts) {
    this.maxAttempts = maxAttempts;
    this.jdbc = jdbc;
    this.mapper = mapper;
    this.handlers = handlers;
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int maxAttempts() {
    return maxAttempts;
  }

  @Override
  public void handle(Job job) throws Exception {
    String eventId = job.payload().get("eventId").asText();
    UUID org = job.organizationId();
    String body = jdbc.sql("SELECT body::text FROM marketplace_event WHERE organization_id = ? AND event_id = ?")
        .params(org, eventId).query(String.class).single();
    JsonNode node = mapper.readTree(body);
    Instant time;
    try {
      time = Instant.parse(node.path("time").asText());
    } catch (RuntimeException e) {
      time = clock.instant();
    }
    MarketplaceEvent event = new MarketplaceEvent(org, eventId, node.path("detail-type").asText(),
        node.path("source").asText(), time, node.path("detail"));
    for (MarketplaceEventHandler handler : handlers) {
      if (handler.handles(event)) {
        handler.handle(event);
      }
    }
    jdbc.sql("UPDATE marketplace_event SET handled_at = ? WHERE organization_id = ? AND event_id = ?")
        .params(Timestamp.from(clock.instant()), org, eventId).update();
  }
}
