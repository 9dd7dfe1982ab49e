/**
 * Partners: resale authorizations an ISV grants its channel partners (published to the marketplace,
 * followed until consumed, expired or deactivated, cloned). The directory of partners and their invitations
 * to OfferDesk are still to come. The partner offers built on an authorization live in offers, which links
 * them here ({@link org.offerdesk.app.partners.ResaleAuthorizations}) and lists them back
 * ({@link org.offerdesk.app.partners.PartnerOffersOfAuthorization}). On the reseller's side, its
 * opportunities: the authorizations manufacturers shared with it ({@code internal/Opportunit*}).
 *
 * <p>May call: approvals, errors, identity, jobs, listings, marketplace, money, notifications, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Partners")
package org.offerdesk.app.partners;
