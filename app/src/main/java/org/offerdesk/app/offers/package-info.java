/**
 * Offers: every private offer in one place: direct, partner and amendment offers, created, edited,
 * cloned, amended, associated, published to the marketplace and tracked stage by stage ({@link
 * org.offerdesk.app.offers.OfferStage}).
 *
 * <p>May call: approvals, errors, identity, jobs, listings, marketplace, money, notifications, partners, runtime, sql, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Offers")
package org.offerdesk.app.offers;
