/**
 * Outgoing webhooks: the ISV's developers register HTTPS endpoints and OfferDesk posts them signed JSON
 * events (orders created, registered, provisioned, booked ...), retried for about a day, with a delivery log.
 *
 * <p>To send an event, call {@link org.offerdesk.app.webhooks.Webhooks#publish} inside the transaction of
 * the change that causes it; {@link org.offerdesk.app.webhooks.WebhookEventType} lists the types endpoints
 * can subscribe to.
 *
 * <p>May call: errors, identity, jobs, outbound, runtime, secrets, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhooks")
package org.offerdesk.app.webhooks;
