/**
 * Partners: resale authorizations granted to resellers, and the channel partner offers (CPPO) they build on them.
 *
 * <p>Coming: today only an empty console page.
 *
 * <p>Calls no other module yet.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Partners")
package org.offerdesk.app.partners;
