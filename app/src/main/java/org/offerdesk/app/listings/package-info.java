/**
 * Listings: the products a seller sells on a marketplace, synced from it, with the template OfferDesk needs (support contacts, welcome text, registration fields).
 *
 * <p>May call: errors, identity, jobs, marketplace, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Listings")
package org.offerdesk.app.listings;
