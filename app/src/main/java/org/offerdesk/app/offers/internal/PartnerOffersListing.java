package org.offerdesk.app.offers.internal;

import java.util.List;
import java.util.UUID;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.partners.PartnerOffersOfAuthorization;
import org.springframework.stereotype.Component;

/** The partner offers of one authorization, for the partners capability's page and API. */
@Component
record PartnerOffersListing(PartnerOfferLinks partners) implements PartnerOffersOfAuthorization {

  @Override
  public List<PartnerOfferLine> of(UUID organizationId, String marketplaceResaleAuthorizationId) {
    return partners.ofAuthorization(organizationId, marketplaceResaleAuthorizationId).stream()
        .map(o -> new PartnerOfferLine(o.id(), o.terms().name(), o.stage().name(), o.marketplaceOfferId(),
            o.terms().buyerAccountIds(), o.terms().expiresOn(), o.agreementId(),
            MoneyFormat.decimal(o.terms().contractTotal().orElse(null)), o.terms().currency()))
        .toList();
  }
}
