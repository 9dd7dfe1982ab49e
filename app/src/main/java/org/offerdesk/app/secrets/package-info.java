/** Secrets OfferDesk keeps to use again, encrypted at rest with one key (OFFERDESK_SECRET_KEY). */
@org.springframework.modulith.ApplicationModule(displayName = "Secrets", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.offerdesk.app.secrets;
