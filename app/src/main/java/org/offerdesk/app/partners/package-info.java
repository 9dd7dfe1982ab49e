/**
 * Partners: resale authorizations granted to resellers, and the channel partner offers (CPPO) they build on
 * them. On the reseller's side, its opportunities: the authorizations manufacturers shared with it
 * ({@code internal/Opportunit*}).
 *
 * <p>May call: errors, identity, jobs, marketplace, money, notifications, web (see ARCHITECTURE.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Partners")
package org.offerdesk.app.partners;
