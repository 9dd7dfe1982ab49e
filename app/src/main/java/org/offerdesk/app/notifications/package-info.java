/**
 * Notifications: email and in-console messages to the seller's team, buyers and partners, from templates.
 * Capabilities queue email through {@link org.offerdesk.app.notifications.Emails} inside their own
 * transaction; delivery is a durable job, and admins read every email in the outbox.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.offerdesk.app.notifications;
