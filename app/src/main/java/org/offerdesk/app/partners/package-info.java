/**
 * Partners: resale authorizations an ISV grants its channel partners (published to the marketplace,
 * followed until consumed, expired or deactivated), and the directory of those partners with their
 * invitations to OfferDesk. The partner offers built on an authorization live in offers, which links
 * them here ({@link org.offerdesk.app.partners.ResaleAuthorizations}) and lists them back
 * ({@link org.offerdesk.app.partners.PartnerOffersOfAuthorization}).
 *
 * <p>May call: errors, identity, jobs, listings, marketplace, money, notifications, runtime, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Partners")
package org.offerdesk.app.partners;
