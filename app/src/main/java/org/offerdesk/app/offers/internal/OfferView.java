package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
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
 * Written by {@link OfferViewJson} (the same JSON as the bean serializer's, at a fraction of its cost).
 */
@JsonSerialize(using = OfferViewJson.class)
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
    boolean renewal,
    String renewsAgreementId,
    List<OfferStore.TimelineEntry> timeline,
    String resaleAuthorizationId,
    String resellerAccountId,
    String markupPercent,
    PartnerView partner) {

  /**
   * A partner offer's side the reseller sees: the ISV, and for each dimension the wholesale price, the buyer's
   * price (the offer's unit price) and the reseller's margin, per unit.
   */
  record PartnerView(String isvAccountId, String isvName, List<PartnerPrice> prices) {

    static PartnerView of(PartnerTerms p) {
      return new PartnerView(p.isvAccountId(), p.isvName(), p.wholesalePrices().stream().map(w -> new PartnerPrice(
          w.dimensionKey(), w.dimensionName(), MoneyFormat.decimal(MoneyFormat.of(w.price(), p.currency())),
          MoneyFormat.decimal(MoneyFormat.of(p.buyerPrice(w.price()), p.currency())),
          MoneyFormat.decimal(MoneyFormat.of(p.margin(w.price()), p.currency())))).toList());
    }
  }

  /** Per unit of a dimension (no key: the whole contract). */
  record PartnerPrice(String dimensionKey, String dimensionName, String wholesalePrice, String buyerPrice,
      String margin) {}

  static OfferView of(Offer o, List<OfferStore.TimelineEntry> timeline) {
    return of(o, timeline, List.of());
  }

  static OfferView of(Offer o, List<OfferStore.TimelineEntry> timeline, List<String> warnings) {
    return of(o, timeline, warnings, null);
  }

  /** With the partner terms of a partner offer (null for the others). */
  static OfferView of(Offer o, List<OfferStore.TimelineEntry> timeline, List<String> warnings, PartnerTerms partner) {
    OfferTerms t = o.terms();
    // A partner offer's buyer chooses the quantities when accepting: none are missing.
    List<String> missing = o.type() == OfferType.PARTNER ? List.of() : t.missingTerms();
    return new OfferView(o.id(), o.type(), o.stage(), t.name(), t.description(), t.productId(), t.buyerAccountIds(),
        t.currency(), t.pricingModel(), t.dimensions(), MoneyFormat.decimal(t.contractTotal().orElse(null)), t.durationMonths(),
        t.serviceStartDate(), t.serviceEndDate(), t.paymentSchedule(), t.expiresOn(), t.eula(), t.refundPolicy(),
        t.autoRenew(), t.metadata(), o.marketplaceOfferId(), o.changeSetId(), o.agreementId(), o.sourceAgreementId(),
        o.clonedFrom(), o.reissueOf(), o.publishErrors(), o.owner(), o.version(), o.revision(), o.createdAt(),
        o.updatedAt(), actions(o), warnings, !missing.isEmpty(), missing, o.renewal(), o.renewsAgreementId(),
        timeline,
        partner == null ? null : partner.resaleAuthorizationId(),
        null,
        partner == null ? null : PartnerTerms.plain(partner.markupPercent()).toPlainString(),
        partner == null ? null : PartnerView.of(partner));
  }

  /** The same view with a partner offer's authorization and reseller as the offer row links them (none: as is). */
  OfferView withPartner(PartnerOfferLinks.Link link) {
    if (link == null) {
      return this;
    }
    return new OfferView(id, type, stage, name, description, productId, buyerAccountIds, currency, pricingModel,
        dimensions, contractTotal, durationMonths, serviceStartDate, serviceEndDate, paymentSchedule, expiresOn, eula,
        refundPolicy, autoRenew, metadata, marketplaceOfferId, changeSetId, agreementId, sourceAgreementId,
        clonedFrom, reissueOf, publishErrors, owner, version, revision, createdAt, updatedAt, actions, warnings,
        needsReview, missingTerms, renewal, renewsAgreementId, timeline, link.resaleAuthorizationId(),
        link.resellerAccountId(), markupPercent, partner);
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
    if (s.isOpen() && o.type() != OfferType.PARTNER) {
      actions.add("edit");
      actions.add("reissue");
    }
    if (s.isOpen()) {
      actions.add("cancel");
      actions.add("send-instructions");
    }
    if (s.isAccepted() && o.type() != OfferType.PARTNER) {
      actions.add("amend");
    }
    actions.add("clone");
    if (s == OfferStage.EXPIRED) {
      actions.add("clone-with-new-dates");
    }
    return actions;
  }
}
