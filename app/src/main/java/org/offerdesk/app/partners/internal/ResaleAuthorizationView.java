package org.offerdesk.app.partners.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.partners.PartnerOffersOfAuthorization.PartnerOfferLine;
import org.offerdesk.app.partners.ResaleAuthorizationStatus;

/**
 * A resale authorization as the API shows it: its terms, where it stands, the wholesale prices granted,
 * the partner offers made on it, its timeline and what can be done next. Amounts are decimal strings.
 */
record ResaleAuthorizationView(
    UUID id,
    ResaleAuthorizationStatus status,
    String name,
    String description,
    String productId,
    String resellerAccountId,
    String currency,
    ResaleTerms.Pricing pricing,
    List<ResaleTerms.WholesaleDimension> wholesalePrices,
    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal wholesaleValue,
    List<ResaleTerms.Installment> installments,
    List<String> buyerAccountIds,
    ResaleTerms.Availability availability,
    boolean renewal,
    ResaleTerms.LegalDocument eula,
    ResaleTerms.LegalDocument resellerContract,
    String marketplaceResaleAuthorizationId,
    String changeSetId,
    List<ResaleAuthorization.PublishError> publishErrors,
    UUID clonedFrom,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    List<String> actions,
    List<PartnerOfferLine> offers,
    List<ResaleAuthorizationStore.TimelineEntry> timeline) {

  static ResaleAuthorizationView of(ResaleAuthorization ra, List<PartnerOfferLine> offers,
      List<ResaleAuthorizationStore.TimelineEntry> timeline) {
    ResaleTerms t = ra.terms();
    return new ResaleAuthorizationView(ra.id(), ra.status(), t.name(), t.description(), t.productId(),
        t.resellerAccountId(), t.currency(), t.pricing(), ra.wholesalePrices(), ra.wholesaleValue(), t.installments(),
        t.buyerAccountIds(), t.availability(), t.renewal(), t.eula(), t.resellerContract(), ra.marketplaceId(),
        ra.changeSetId(), ra.publishErrors(), ra.clonedFrom(), ra.createdBy(), ra.createdAt(), ra.updatedAt(),
        actions(ra), offers, timeline);
  }

  /** What can be done in its status; the page shows these buttons and the API accepts them. */
  static List<String> actions(ResaleAuthorization ra) {
    List<String> actions = new ArrayList<>();
    if (ra.status().isDraft()) {
      actions.add("edit");
      actions.add("publish");
    }
    if (ra.status() == ResaleAuthorizationStatus.AUTHORIZED || ra.status() == ResaleAuthorizationStatus.CONSUMED) {
      actions.add("deactivate");
    }
    actions.add("clone");
    return actions;
  }
}
