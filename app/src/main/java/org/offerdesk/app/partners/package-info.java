/**
 * Partners: the ISV's partners directory (resellers by name and AWS account, contacts, and invitations that
 * let a reseller's admin open its reseller organization here), and the resale authorizations an ISV grants
 * its channel partners (published to the marketplace, followed until consumed, expired or deactivated,
 * cloned). The partner offers built on an authorization live in offers, which links
 * them here ({@link org.offerdesk.app.partners.ResaleAuthorizations}) and lists them back
 * ({@link org.offerdesk.app.partners.PartnerOffersOfAuthorization}). On the reseller's side, its
 * opportunities: the authorizations manufacturers shared with it ({@code internal/Opportunit*}).
 *
 * <p>May call: approvals, errors, identity, jobs, listings, marketplace, money, notifications, runtime, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Partners")
package org.offerdesk.app.partners;
