package org.offerdesk.app.partners;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The partner offers resellers built on one of the ISV's authorizations, for its page and API. The offers
 * capability, which keeps partner offers, provides it; the partners capability only asks.
 */
public interface PartnerOffersOfAuthorization {

  List<PartnerOfferLine> of(UUID organizationId, String marketplaceResaleAuthorizationId);

  /** One partner offer: never the reseller's markup, only what the ISV may know. */
  record PartnerOfferLine(UUID offerId, String name, String stage, String marketplaceOfferId,
      List<String> buyerAccountIds, LocalDate expiresOn, String agreementId, String wholesaleValue,
      String currency) {}
}
