package org.offerdesk.sandbox.catalog;

import static org.offerdesk.sandbox.catalog.ChangeType.Phase.CREATE;
import static org.offerdesk.sandbox.catalog.ChangeType.Phase.RELEASE;
import static org.offerdesk.sandbox.catalog.ChangeType.Phase.UPDATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.offerdesk.sandbox.agreements.Agreement;

/**
 * The change types of {@code Offer@1.0}: their schemas and their rules, including what AWS refuses once
 * an offer is released and what a channel partner may change on an offer built on a resale
 * authorization. Their term changes are {@link OfferTermChanges}' and ReleaseOffer is {@link OfferRelease}'s.
 */
final class OfferChanges {

  private static final Pattern NAME = Pattern.compile("^[^\\\\<>]*$");
  private static final Pattern COUNTRY = Pattern.compile("^[A-Z]{2}$");
  static final String INVALID_UPDATE = "INVALID_UPDATE_REQUEST";

  private OfferChanges() {}

  static List<ChangeType> all() {
    EntityType offer = EntityType.OFFER;
    return List.of(
        new ChangeType(offer, "CreateOffer", CREATE, "ProductId", OfferChanges::checkCreate, OfferChanges::create),
        new ChangeType(offer, "CreateReplacementOffer", CREATE, null, OfferChanges::checkReplacement, OfferChanges::createReplacement),
        new ChangeType(offer, "CreateOfferUsingResaleAuthorization", CREATE, "ResaleAuthorizationId",
            OfferChanges::checkFromResaleAuthorization, OfferChanges::createFromResaleAuthorization),
        new ChangeType(offer, "UpdateInformation", UPDATE, null, OfferChanges::checkInformation, OfferChanges::updateInformation),
        new ChangeType(offer, "UpdateTargeting", UPDATE, null, OfferChanges::checkTargeting, OfferChanges::updateTargeting),
        new ChangeType(offer, "UpdatePricingTerms", UPDATE, null, OfferTermChanges::checkPricing, OfferTermChanges::updatePricing),
        new ChangeType(offer, "UpdateLegalTerms", UPDATE, null, OfferTermChanges::checkLegal, OfferTermChanges::updateLegal),
        new ChangeType(offer, "UpdateSupportTerms", UPDATE, null, OfferTermChanges::checkSupport, OfferTermChanges::updateSupport),
        new ChangeType(offer, "UpdateValidityTerms", UPDATE, null, OfferTermChanges::checkValidity, OfferTermChanges::updateValidity),
        new ChangeType(offer, "UpdatePaymentScheduleTerms", UPDATE, null, OfferTermChanges::checkPaymentSchedule,
            OfferTermChanges::updatePaymentSchedule),
        new ChangeType(offer, "UpdateRenewalTerms", UPDATE, null, OfferTermChanges::checkRenewal, OfferTermChanges::updateRenewal),
        new ChangeType(offer, "UpdateAvailability", UPDATE, null, OfferChanges::checkAvailability, OfferChanges::updateAvailability),
        new ChangeType(offer, "UpdateMarkup", UPDATE, null, OfferChanges::checkMarkup, OfferChanges::updateMarkup),
        new ChangeType(offer, "ReleaseOffer", RELEASE, null, OfferRelease::checkEmpty, OfferRelease::release));
  }

  // --- creation ---

  private static void checkCreate(Details d) {
    d.allowOnly("ProductId", "Name", "OfferSetId");
    d.text("ProductId", 1, 50);
    checkName(d);
    d.optText("OfferSetId", 1, 50);
  }

  private static void create(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    Optional<SaaSProduct> product = work.find(d.text("ProductId"), SaaSProduct.class);
    if (product.isEmpty() || !product.get().ownerAccountId().equals(work.callerId())) {
      work.fail(step, "INCOMPATIBLE_PRODUCT", "Product " + d.text("ProductId") + " is not a product of this seller.");
      return;
    }
    if (!product.get().visibility().acceptsOffers()) {
      work.fail(step, "INCOMPATIBLE_PRODUCT", "Use an active product in Limited or Public state.");
      return;
    }
    Offer offer = Offer.draft(work.ids.newEntityId(EntityType.OFFER), work.callerId(), product.get().id());
    offer.name = d.optText("Name").orElse(null);
    offer.offerSetId = d.optText("OfferSetId").orElse(null);
    work.created(step, offer);
  }

  private static void checkReplacement(Details d) {
    d.allowOnly("AgreementId", "Name");
    d.text("AgreementId", 1, 64);
    checkName(d);
  }

  private static void createReplacement(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    String agreementId = d.text("AgreementId");
    Optional<Agreement> agreement = work.agreements.find(agreementId)
        .filter(a -> a.proposerAccountId().equals(work.callerId()));
    if (agreement.isEmpty()) {
      work.fail(step, "INVALID_AGREEMENT_ID", "Agreement " + agreementId + " was not found for this seller.");
      return;
    }
    if (!agreement.get().isActive()) {
      work.fail(step, "INVALID_AGREEMENT_ID", "Agreement " + agreementId + " is " + agreement.get().status()
          + "; only an active agreement can be replaced.");
      return;
    }
    Offer offer = Offer.draft(work.ids.newEntityId(EntityType.OFFER), work.callerId(), agreement.get().productId());
    offer.name = d.optText("Name").orElse(null);
    offer.agreementId = agreementId;
    offer.buyerAccounts.add(agreement.get().acceptorAccountId());
    offer.pricingModel = "Contract";
    work.created(step, offer);
  }

  private static void checkFromResaleAuthorization(Details d) {
    d.allowOnly("ResaleAuthorizationId", "Name", "Description", "OfferSetId");
    d.text("ResaleAuthorizationId", 1, 255);
    checkName(d);
    d.optText("Description", 1, 255);
    d.optText("OfferSetId", 1, 50);
  }

  private static void createFromResaleAuthorization(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    String raId = d.text("ResaleAuthorizationId");
    Optional<ResaleAuthorization> found = work.find(raId, ResaleAuthorization.class);
    if (found.isEmpty() || !work.callerId().equals(found.get().resellerAccountId())) {
      work.fail(step, "INVALID_RESALE_AUTHORIZATION", "Resale authorization " + raId + " is not shared with this account.");
      return;
    }
    ResaleAuthorization ra = found.get();
    if (ra.status() != ResaleAuthorizationStatus.Active) {
      work.fail(step, "INVALID_RESALE_AUTHORIZATION", "Resale authorization " + raId + " is " + ra.status() + ", not Active.");
      return;
    }
    if (ra.isExpired(work.today)) {
      work.fail(step, "INVALID_RESALE_AUTHORIZATION", "Resale authorization " + raId + " expired on " + ra.availabilityEndDate + ".");
      return;
    }
    if (ra.isUsedUp()) {
      work.fail(step, "INVALID_RESALE_AUTHORIZATION", "Resale authorization " + raId + " allows " + ra.offersMaxQuantity
          + " offer(s) and has been used " + ra.offerCreatedCount + " time(s).");
      return;
    }
    Offer offer = Offer.draft(work.ids.newEntityId(EntityType.OFFER), work.callerId(), ra.productId());
    offer.resaleAuthorizationId = ra.id();
    offer.manufacturerAccountId = ra.ownerAccountId();
    offer.name = d.optText("Name").orElse(null);
    offer.description = d.optText("Description").orElse(null);
    offer.offerSetId = d.optText("OfferSetId").orElse(null);
    offer.pricingModel = ra.pricingModel;
    for (JsonNode term : ra.pricingTerms) {
      ObjectNode inherited = term.deepCopy();
      inherited.put("Type", PricingTerms.withoutResalePrefix(term.path("Type").asText()));
      offer.pricingTerms.add(inherited);
    }
    JsonNode buyerLegal = ra.legalTerm("BuyerLegalTerm");
    if (buyerLegal != null) {
      ObjectNode legal = buyerLegal.deepCopy();
      legal.put("Type", "LegalTerm");
      offer.legalTerm = legal;
    }
    if (ra.paymentScheduleTerm != null) {
      ObjectNode schedule = ra.paymentScheduleTerm.deepCopy();
      schedule.put("Type", "PaymentScheduleTerm");
      offer.paymentScheduleTerm = schedule;
    }
    offer.buyerAccounts.addAll(ra.buyerAccounts);
    offer.availabilityEndDate = ra.availabilityEndDate;
    ra.offerCreatedCount++;
    work.touch(step, ra);
    work.created(step, offer);
  }

  // --- updates ---

  private static void checkInformation(Details d) {
    d.allowOnly("Name", "Description", "PreExistingAgreement");
    d.requireAny("Name", "Description", "PreExistingAgreement");
    checkName(d);
    d.optText("Description", 1, 255);
    d.optObject("PreExistingAgreement").ifPresent(OfferChanges::checkPreExistingAgreement);
  }

  /** How a buyer bought before: shared by offers and resale authorizations. */
  static void checkPreExistingAgreement(Details agreement) {
    agreement.allowOnly("AcquisitionChannel", "PricingModel");
    agreement.oneOf("AcquisitionChannel", "External", "AwsMarketplace");
    agreement.oneOf("PricingModel", "Contract", "Usage", "Byol", "Free");
  }

  private static void updateInformation(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      if (d.has("PreExistingAgreement") && offer.isReleased()) {
        work.fail(step, INVALID_UPDATE, "PreExistingAgreement can't be changed after the offer is released.");
        return;
      }
      d.optText("Name").ifPresent(n -> offer.name = n);
      d.optText("Description").ifPresent(v -> offer.description = v);
      d.optObject("PreExistingAgreement").ifPresent(p -> offer.preExistingAgreement = p.json());
    });
  }

  private static void checkTargeting(Details d) {
    d.allowOnly("PositiveTargeting", "NegativeTargeting");
    d.requireAny("PositiveTargeting", "NegativeTargeting");
    d.optObject("PositiveTargeting").ifPresent(p -> {
      p.allowOnly("CountryCodes", "BuyerAccounts");
      p.texts("CountryCodes", 0, 244, COUNTRY, "two-letter country codes");
      p.texts("BuyerAccounts", 0, 26, Details.ACCOUNT_ID, "12-digit AWS account IDs");
    });
    d.optObject("NegativeTargeting").ifPresent(n -> {
      n.allowOnly("CountryCodes");
      n.texts("CountryCodes", 0, 244, COUNTRY, "two-letter country codes");
    });
  }

  private static void updateTargeting(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      List<String> buyers = d.optObject("PositiveTargeting")
          .map(p -> p.texts("BuyerAccounts", 0, 26, Details.ACCOUNT_ID, "account IDs")).orElse(List.of());
      if (offer.isReplacement()) {
        work.fail(step, INVALID_UPDATE, "Targeting of a replacement offer is fixed to the agreement's buyer.");
        return;
      }
      if (offer.isReleased() && !new HashSet<>(buyers).equals(new HashSet<>(offer.buyerAccounts))) {
        work.fail(step, INVALID_UPDATE, "BuyerAccounts can't be changed after the offer is released.");
        return;
      }
      if (offer.isChannelPartnerOffer()) {
        Optional<ResaleAuthorization> ra = work.find(offer.resaleAuthorizationId, ResaleAuthorization.class);
        if (ra.isPresent() && !ra.get().buyerAccounts.isEmpty() && !ra.get().buyerAccounts.containsAll(buyers)) {
          work.fail(step, "INVALID_BUYER_ACCOUNTS", "A channel partner offer can only target buyers of its resale authorization: "
              + ra.get().buyerAccounts + ".");
          return;
        }
        if (buyers.size() > 25) {
          work.fail(step, "INVALID_BUYER_ACCOUNTS", "A channel partner offer can target at most 25 buyers.");
          return;
        }
      }
      offer.buyerAccounts = new ArrayList<>(buyers);
      offer.countryCodes = d.optObject("PositiveTargeting")
          .map(p -> p.texts("CountryCodes", 0, 244, COUNTRY, "codes")).map(ArrayList::new).orElseGet(ArrayList::new);
      offer.negativeCountryCodes = d.optObject("NegativeTargeting")
          .map(p -> p.texts("CountryCodes", 0, 244, COUNTRY, "codes")).map(ArrayList::new).orElseGet(ArrayList::new);
    });
  }

  private static void checkAvailability(Details d) {
    d.allowOnly("AvailabilityEndDate");
    d.date("AvailabilityEndDate");
  }

  private static void updateAvailability(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      var end = d.date("AvailabilityEndDate");
      if (offer.isChannelPartnerOffer()) {
        Optional<ResaleAuthorization> ra = work.find(offer.resaleAuthorizationId, ResaleAuthorization.class);
        if (ra.isPresent() && ra.get().availabilityEndDate != null && end.isAfter(ra.get().availabilityEndDate)) {
          work.fail(step, "INVALID_AVAILABILITY_END_DATE", "A channel partner offer can't outlive its resale authorization ("
              + ra.get().availabilityEndDate + ").");
          return;
        }
      }
      // A past date on a released offer expires it, as on AWS.
      offer.availabilityEndDate = end;
    });
  }

  private static void checkMarkup(Details d) {
    d.allowOnly("Percentage");
    d.amount("Percentage", 9);
  }

  private static void updateMarkup(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      if (!offer.isChannelPartnerOffer()) {
        work.fail(step, INVALID_UPDATE, "UpdateMarkup applies only to offers created from a resale authorization.");
        return;
      }
      if (offer.isReleased()) {
        work.fail(step, INVALID_UPDATE, "The markup can't be changed after the offer is released.");
        return;
      }
      offer.markupPercentage = d.amount("Percentage", 9);
    });
  }

  private static void checkName(Details d) {
    d.optText("Name", 1, 150).ifPresent(name -> {
      if (!NAME.matcher(name).matches()) {
        throw d.invalid("Name", "can't contain \\, < or >");
      }
    });
  }
}
