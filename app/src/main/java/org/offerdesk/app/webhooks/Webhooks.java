package org.offerdesk.app.webhooks;

import java.util.List;
import java.util.UUID;

/** Publishes events to the webhook endpoints an organization registered. */
public interface Webhooks {

  /**
   * Queues an event for every active endpoint of the organization subscribed to its type (or to "*"),
   * inside the caller's transaction: deliveries exist iff it commits. eventId is unique per organization;
   * publishing the same eventId again does nothing. data is serialised with the app's ObjectMapper.
   */
  void publish(UUID organizationId, String eventType, String eventId, Object data);

  /**
   * As {@link #publish} for each of {@code events}, written in batches (a reconciliation may publish a hundred
   * thousand at once; one statement per event was most of its time), except that an event of a type no enabled
   * endpoint receives ({@link #subscribed}) is not kept at all: a batch is news of what just changed, and an event
   * kept for nobody only holds its ID, so that the same ID published again after an endpoint subscribed would be
   * dropped. Its publisher keys each event by its subject and state and publishes it again only when that changes.
   */
  void publishAll(UUID organizationId, List<Event> events);

  /** One event of {@link #publishAll}. */
  record Event(String eventType, String eventId, Object data) {}

  /**
   * Whether an enabled endpoint of the organization receives events of this type now (subscribed to it or to
   * every type): a publisher of many events asks before it builds them.
   */
  boolean subscribed(UUID organizationId, String eventType);

  /** Whether the organization has added a webhook endpoint (enabled or not). */
  boolean hasEndpoint(UUID organizationId);
}
