/**
 * Secrets OfferDesk keeps to use again, encrypted at rest with one key (OFFERDESK_SECRET_KEY).
 *
 * <p>May call no other module: the others build on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Secrets", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.offerdesk.app.secrets;
