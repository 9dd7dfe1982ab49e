/**
 * Marketplace connector: the only way OfferDesk talks to a marketplace, through the official AWS SDK for Java v2; the embedded sandbox is just another endpoint.
 *
 * <p>May call: identity, jobs, outbound, runtime, secrets, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Marketplace connector")
package org.offerdesk.app.marketplace;
