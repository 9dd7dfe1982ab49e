package org.offerdesk.app.notifications.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.notifications.NotificationType;

/** One user's notification of one notice, as the console and the API show it. */
record Notification(UUID id, NotificationType type, String label, String title, String summary, String link,
    Map<String, String> facts, Instant createdAt, Instant readAt) {

  public boolean read() {
    return readAt != null;
  }
}
