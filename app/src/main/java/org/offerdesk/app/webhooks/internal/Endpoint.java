package org.offerdesk.app.webhooks.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.webhooks.WebhookEventType;

/** A receiver an organization registered, with the event types it wants. */
record Endpoint(UUID id, UUID organizationId, URI url, String description, List<String> events, boolean enabled,
    String sealedSecret, String secretHint, Instant createdAt, Instant updatedAt) {

  Endpoint {
    events = List.copyOf(events);
  }

  boolean wants(String eventType) {
    return events.contains(WebhookEventType.ALL) || events.contains(eventType);
  }
}
