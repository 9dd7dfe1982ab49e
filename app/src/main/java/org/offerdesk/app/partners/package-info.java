/**
 * Partners: resale authorizations granted to resellers, and the channel partner offers (CPPO) they build on them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Partners")
package org.offerdesk.app.partners;
