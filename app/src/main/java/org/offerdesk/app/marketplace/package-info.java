/**
 * Marketplace connector: the only way OfferDesk talks to a marketplace, through the official AWS SDK for Java v2; the embedded sandbox is just another endpoint.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Marketplace connector")
package org.offerdesk.app.marketplace;
