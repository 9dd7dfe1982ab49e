package org.offerdesk.sandbox.catalog;

import static org.offerdesk.sandbox.catalog.OfferChanges.INVALID_UPDATE;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Releasing an offer ({@code ReleaseOffer}), and the rules across its terms checked when a change set is applied. */
final class OfferRelease {

  private OfferRelease() {}

  static void checkEmpty(Details d) {
    if (!d.isEmpty()) {
      throw new InvalidDetails("The details of this change type must be empty: {}");
    }
  }

  static void release(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      if (offer.isReleased()) {
        work.fail(step, INVALID_UPDATE, "Offer " + offer.id() + " is already released.");
        return;
      }
      if (offer.name == null) {
        work.fail(step, "MISSING_NAME", "An offer needs a name to be released.");
      }
      if (offer.description == null && !offer.isReplacement()) {
        work.fail(step, "MISSING_DESCRIPTION", "An offer needs a description to be released.");
      }
      if (offer.buyerAccounts.isEmpty()) {
        work.fail(step, "MISSING_BUYER_ACCOUNTS", "A private offer needs at least one buyer account.");
      }
      if (offer.availabilityEndDate == null) {
        work.fail(step, "MISSING_AVAILABILITY_END_DATE", "A private offer needs an availability end date.");
      } else if (offer.availabilityEndDate.isBefore(work.today)) {
        work.fail(step, "INVALID_AVAILABILITY_END_DATE", "The availability end date " + offer.availabilityEndDate + " has passed.");
      }
      List<String> missing = new ArrayList<>();
      if (offer.pricingTerms.isEmpty()) {
        missing.add("pricing");
      }
      if (offer.legalTerm == null) {
        missing.add("legal");
      }
      if (offer.validityTerm == null && !offer.isChannelPartnerOffer()) {
        missing.add("validity");
      }
      if (offer.isReplacement() && (offer.validityTerm == null || !offer.validityTerm.has("AgreementEndDate"))) {
        missing.add("validity with AgreementEndDate (replacement offers)");
      }
      if (!missing.isEmpty()) {
        work.fail(step, "MISSING_MANDATORY_TERMS", "Missing mandatory terms: " + String.join(", ", missing) + ".");
      }
      if (step.errors.isEmpty()) {
        offer.release(work.now);
      }
    });
  }

  /**
   * Rules across terms, checked once a change set's changes are all applied, so that their order in the
   * request does not matter.
   */
  static void checkConsistency(ChangeSetWork work, Offer offer) {
    if (offer.paymentScheduleTerm == null) {
      return;
    }
    ChangeSetWork.Step step = work.lastStepOn(offer);
    boolean zeroUpfront = offer.pricingTerms.stream().anyMatch(t -> "FixedUpfrontPricingTerm".equals(t.path("Type").asText())
        && new BigDecimal(t.path("Price").asText("1")).signum() == 0);
    if (!zeroUpfront) {
      work.fail(step, "INCOMPATIBLE_PAYMENT_SCHEDULE", "A payment schedule needs a FixedUpfrontPricingTerm with Price 0.");
    }
    if (offer.isChannelPartnerOffer() && offer.markupPercentage != null && offer.markupPercentage.signum() > 0) {
      work.fail(step, "INCOMPATIBLE_PAYMENT_SCHEDULE", "A payment schedule can't be combined with a markup.");
    }
  }
}
