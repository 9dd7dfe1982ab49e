package org.offerdesk.app.offers.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;

/**
 * An offer as the API shows it: its terms, where it stands, its timeline and what can be done next.
 * Amounts are decimal strings beside {@code currency}; an offer made outside OfferDesk whose terms the
 * marketplace did not state shows them as null, {@code needsReview} true and {@code missingTerms} naming them.
 */
record OfferView(
    UUID id,
    OfferType type,
    OfferStage stage,
    String name,
    String description,
    String productId,
    List<String> buyerAccountIds,
    String currency,
    OfferTerms.PricingModel pricingModel,
    List<OfferTerms.PricedDimension> dimensions,
    String contractTotal,
    Integer durationMonths,
    LocalDate serviceStartDate,
    LocalDate serviceEndDate,
    List<OfferTerms.Installment> paymentSchedule,
    LocalDate expiresOn,
    OfferTerms.Eula eula,
    String refundPolicy,
    boolean autoRenew,
    OfferTerms.Metadata metadata,
    String marketplaceOfferId,
    String changeSetId,
    String agreementId,
    String sourceAgreementId,
    UUID clonedFrom,
    UUID reissueOf,
    List<Offer.PublishError> publishErrors,
    String owner,
    int version,
    int revision,
    Instant createdAt,
    Instant updatedAt,
    List<String> actions,
    List<String> warnings,
    boolean needsReview,
    List<String> missingTerms,
    List<OfferStore.TimelineEntry> timeline,
    String resaleAuthorizationId,
    String resellerAccountId) {

  static OfferView of(Offer o, List<OfferStore.TimelineEntry> timeline) {
    return of(o, timeline, List.of());
  }

  static OfferView of(Offer o, List<OfferStore.TimelineEntry> timeline, List<String> warnings) {
    OfferTerms t = o.terms();
    return new OfferView(o.id(), o.type(), o.stage(), t.name(), t.description(), t.productId(), t.buyerAccountIds(),
        t.currency(), t.pricingModel(), t.dimensions(), MoneyFormat.decimal(t.contractTotal().orElse(null)), t.durationMonths(),
        t.serviceStartDate(), t.serviceEndDate(), t.paymentSchedule(), t.expiresOn(), t.eula(), t.refundPolicy(),
        t.autoRenew(), t.metadata(), o.marketplaceOfferId(), o.changeSetId(), o.agreementId(), o.sourceAgreementId(),
        o.clonedFrom(), o.reissueOf(), o.publishErrors(), o.owner(), o.version(), o.revision(), o.createdAt(),
        o.updatedAt(), actions(o), warnings, !t.missingTerms().isEmpty(), t.missingTerms(), timeline, null, null);
  }

  /** The same view with a partner offer's authorization and reseller (none for other offers). */
  OfferView withPartner(PartnerOfferStore.Link link) {
    if (link == null) {
      return this;
    }
    return new OfferView(id, type, stage, name, description, productId, buyerAccountIds, currency, pricingModel,
        dimensions, contractTotal, durationMonths, serviceStartDate, serviceEndDate, paymentSchedule, expiresOn, eula,
        refundPolicy, autoRenew, metadata, marketplaceOfferId, changeSetId, agreementId, sourceAgreementId,
        clonedFrom, reissueOf, publishErrors, owner, version, revision, createdAt, updatedAt, actions, warnings,
        needsReview, missingTerms, timeline, link.resaleAuthorizationId(), link.resellerAccountId());
  }

  /** What can be done to an offer in its stage; the page shows these buttons and the API accepts them. */
  static List<String> actions(Offer o) {
    List<String> actions = new ArrayList<>();
    if (o.type() == OfferType.PARTNER && PartnerOfferTracking.OBSERVED.equals(o.owner())) {
      return actions; // a reseller's offer on the ISV's product: the reseller's to change, not the ISV's
    }
    OfferStage s = o.stage();
    if (s.isDraft()) {
      actions.add("edit");
      actions.add("publish");
      actions.add("cancel");
    }
    if (s.isOpen()) {
      actions.add("edit");
      actions.add("reissue");
      actions.add("cancel");
      actions.add("send-instructions");
    }
    if (s.isAccepted()) {
      actions.add("amend");
    }
    actions.add("clone");
    return actions;
  }
}
