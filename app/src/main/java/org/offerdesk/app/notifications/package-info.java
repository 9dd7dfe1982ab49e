/**
 * Notifications: email and in-console messages to the seller's team, buyers and partners, from templates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.offerdesk.app.notifications;
