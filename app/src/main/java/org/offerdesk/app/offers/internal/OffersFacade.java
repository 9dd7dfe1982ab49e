package org.offerdesk.app.offers.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.offers.RenewalBasis;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferSummary;
import org.offerdesk.app.offers.Offers;
import org.offerdesk.app.offers.ResellerDeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
record OffersFacade(OfferStore offers, OfferAssociation association, OfferRenewals renewals,
    PartnerOfferStore partners, Clock clock) implements Offers {

  private static final Logger log = LoggerFactory.getLogger(OffersFacade.class);

  @Override
  public Optional<OfferSummary> find(UUID organizationId, UUID offerId) {
    return offers.find(organizationId, offerId).map(OffersFacade::summary);
  }

  @Override
  public Optional<OfferSummary> findOrAssociate(UUID organizationId, String marketplaceOfferId, String actor) {
    Optional<Offer> known = offers.findByMarketplaceId(organizationId, marketplaceOfferId);
    if (known.isPresent()) {
      return known.map(OffersFacade::summary);
    }
    try {
      Offer associated = association.associate(organizationId, actor, marketplaceOfferId).offer();
      if (associated.terms().buyerAccountIds().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(summary(associated));
    } catch (DomainException e) {
      // Not a private offer this organization can read (a public offer, or a reseller's): nothing to link.
      log.debug("Offer {} not associated for {}: {}", marketplaceOfferId, organizationId, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public Optional<ResellerDeal> resellerDeal(UUID organizationId, UUID offerId, Map<String, Long> quantities) {
    return partners.find(organizationId, offerId).filter(p -> p.markupPercent() != null)
        .map(p -> p.deal(quantities));
  }

  @Override
  public void registered(UUID organizationId, UUID offerId, String cause) {
    move(organizationId, offerId, OfferStage.REGISTERED, "order registered", cause);
  }

  @Override
  public void provisioned(UUID organizationId, UUID offerId, String cause) {
    move(organizationId, offerId, OfferStage.PROVISIONED, "order provisioned", cause);
  }

  @Override
  public OfferSummary draftRenewal(Caller caller, RenewalBasis basis) {
    return summary(renewals.draftRenewal(caller, basis));
  }

  private void move(UUID org, UUID offerId, OfferStage stage, String causeText, String detail) {
    offers.find(org, offerId).filter(o -> o.stage().canMoveTo(stage)).ifPresent(o -> {
      Instant now = clock.instant();
      Offer moved = o.withStage(stage, now);
      if (!offers.update(moved)) {
        throw new IllegalStateException("Offer " + offerId + " changed at the same time");
      }
      offers.record(moved, stage, causeText, detail, "orders", now, "offer:" + offerId + ":" + stage.name());
    });
  }

  static OfferSummary summary(Offer o) {
    OfferTerms t = o.terms();
    return new OfferSummary(o.id(), o.type(), o.stage(), t.name(), t.productId(), t.buyerAccountIds(), o.owner(), o.sourceAgreementId(),
        t.metadata().booking(), t.metadata().registration(), t.metadata().contract(), o.renewal(),
        o.renewsAgreementId());
  }
}
