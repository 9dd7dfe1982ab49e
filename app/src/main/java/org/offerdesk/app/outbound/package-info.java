/**
 * Outbound calls: the one guard on the addresses OfferDesk connects to on a tenant's say-so (webhook
 * endpoints, marketplace endpoint overrides, any future callback), so that a tenant cannot make the server
 * read its own network.
 *
 * <p>May call: runtime (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Outbound calls")
package org.offerdesk.app.outbound;
