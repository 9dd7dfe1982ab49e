package org.offerdesk.app.notifications;

import java.util.Map;
import java.util.UUID;

public record TeamNotice(UUID organizationId, NotificationType type, String title, String summary, String link,
    Map<String, String> facts, String dedupeKey) {}
