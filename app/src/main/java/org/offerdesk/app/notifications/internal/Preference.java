package org.offerdesk.app.notifications.internal;

import org.offerdesk.app.notifications.NotificationType;

/** A user's choice for one type: whether to be told in the console and by email. */
record Preference(NotificationType type, String label, String description, boolean console, boolean email) {}
