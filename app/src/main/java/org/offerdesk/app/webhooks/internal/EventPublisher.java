package org.offerdesk.app.webhooks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.webhooks.Webhooks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a published event with the exact body receivers get and queues one delivery job per subscribed
 * endpoint, all in the publisher's transaction.
 */
@Service
class EventPublisher implements Webhooks {

  /** Events written per statement by {@link #publishAll}. */
  private static final int BATCH = 2_000;
  private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

  private final EndpointStore endpoints;
  private final DeliveryLog log;
  private final Jobs jobs;
  private final ObjectMapper mapper;
  private final Clock clock;

  EventPublisher(EndpointStore endpoints, DeliveryLog log, Jobs jobs, ObjectMapper mapper, Clock clock) {
    this.endpoints = endpoints;
    this.log = log;
    this.jobs = jobs;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public boolean hasEndpoint(UUID organizationId) {
    return endpoints.any(organizationId);
  }

  @Override
  public boolean subscribed(UUID organizationId, String eventType) {
    return !endpoints.subscribedTo(organizationId, eventType).isEmpty();
  }

  @Override
  @Transactional
  public void publish(UUID organizationId, String eventType, String eventId, Object data) {
    Objects.requireNonNull(organizationId, "organizationId");
    checkEvent(eventType, eventId);
    record(organizationId, eventType, eventId, data, endpoints.subscribedTo(organizationId, eventType));
  }

  @Override
  @Transactional
  public void publishAll(UUID organizationId, List<Event> events) {
    Objects.requireNonNull(organizationId, "organizationId");
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Map<String, List<Endpoint>> subscribed = new HashMap<>();
    for (int from = 0; from < events.size(); from += BATCH) {
      List<Event> batch = events.subList(from, Math.min(events.size(), from + BATCH));
      List<DeliveryLog.NewEvent> rows = new ArrayList<>(batch.size());
      for (Event e : batch) {
        checkEvent(e.eventType(), e.eventId());
        // an event nobody receives is not kept (see Webhooks.publishAll)
        if (!subscribed.computeIfAbsent(e.eventType(), type -> endpoints.subscribedTo(organizationId, type))
            .isEmpty()) {
          rows.add(new DeliveryLog.NewEvent(UUID.randomUUID(), e.eventId(), e.eventType(),
              body(organizationId, e.eventType(), e.eventId(), e.data(), now)));
        }
      }
      for (DeliveryLog.NewEvent added : log.addEvents(organizationId, rows, now)) {
        for (Endpoint endpoint : subscribed.get(added.type())) {
          UUID deliveryId = UUID.randomUUID();
          log.addDelivery(deliveryId, organizationId, endpoint.id(), added.id(), now);
          schedule(organizationId, deliveryId, 1);
        }
      }
    }
  }

  /** Sends a {@code webhook.test} ping to one endpoint; returns the delivery's ID. */
  @Transactional
  UUID ping(Endpoint endpoint, String eventId, Object data) {
    return record(endpoint.organizationId(), org.offerdesk.app.webhooks.WebhookEventType.TEST, eventId, data,
        List.of(endpoint)).get(0);
  }

  private List<UUID> record(UUID organizationId, String eventType, String eventId, Object data,
      List<Endpoint> to) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    UUID eventRowId = UUID.randomUUID();
    if (!log.addEvent(eventRowId, organizationId, eventId, eventType, body(organizationId, eventType, eventId,
        data, now), now)) {
      return List.of();
    }
    return to.stream().map(endpoint -> {
      UUID deliveryId = UUID.randomUUID();
      log.addDelivery(deliveryId, organizationId, endpoint.id(), eventRowId, now);
      schedule(organizationId, deliveryId, 1);
      return deliveryId;
    }).toList();
  }

  void schedule(UUID organizationId, UUID deliveryId, int series) {
    jobs.scheduleNow(WebhookDelivery.KIND, organizationId, Map.of("deliveryId", deliveryId, "series", series),
        jobKey(deliveryId, series));
  }

  static String jobKey(UUID deliveryId, int series) {
    return WebhookDelivery.KIND + ":" + deliveryId + ":" + series;
  }

  /**
   * The body receivers get. Written in one pass (the data object straight to JSON, not through a tree first):
   * a first feed sync publishes an event or two per invoice of the month, and building each as a tree cost as
   * much as writing it.
   */
  private String body(UUID organizationId, String eventType, String eventId, Object data, Instant at) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", eventId);
    body.put("type", eventType);
    body.put("createdAt", at.truncatedTo(ChronoUnit.MILLIS).toString());
    body.put("organizationId", organizationId.toString());
    body.put("data", data);
    try {
      return mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Webhook event data is not serializable", e);
    }
  }

  private static void checkEvent(String eventType, String eventId) {
    if (eventType == null || !EVENT_TYPE.matcher(eventType).matches()) {
      throw new IllegalArgumentException("Not an event type: " + eventType);
    }
    if (eventId == null || eventId.isBlank() || eventId.length() > 200) {
      throw new IllegalArgumentException("An event ID must be 1 to 200 characters");
    }
  }
}
