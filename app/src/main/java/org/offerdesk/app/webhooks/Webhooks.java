package org.offerdesk.app.webhooks;

import java.util.UUID;

/** Outgoing webhooks: how the ISV's own systems hear about orders (stand-in until the webhooks branch lands). */
public interface Webhooks {

  void publish(UUID organizationId, String eventType, String eventId, Object data);
}
