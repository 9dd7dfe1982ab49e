package org.offerdesk.sandbox.catalog;

import static org.offerdesk.sandbox.catalog.ChangeType.Phase.CREATE;
import static org.offerdesk.sandbox.catalog.ChangeType.Phase.RELEASE;
import static org.offerdesk.sandbox.catalog.ChangeType.Phase.UPDATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.offerdesk.sandbox.agreements.Agreement;

/**
 * The change types of {@code Offer@1.0}: their schemas and their rules, including what AWS refuses once
 * an offer is released and what a channel partner may change on an offer built on a resale
 * authorization.
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
        new ChangeType(offer, "UpdatePricingTerms", UPDATE, null, OfferChanges::checkPricing, OfferChanges::updatePricing),
        new ChangeType(offer, "UpdateLegalTerms", UPDATE, null, OfferChanges::checkLegal, OfferChanges::updateLegal),
        new ChangeType(offer, "UpdateSupportTerms", UPDATE, null, OfferChanges::checkSupport, OfferChanges::updateSupport),
        new ChangeType(offer, "UpdateValidityTerms", UPDATE, null, OfferChanges::checkValidity, OfferChanges::updateValidity),
        new ChangeType(offer, "UpdatePaymentScheduleTerms", UPDATE, null, OfferChanges::checkPaymentSchedule,
            OfferChanges::updatePaymentSchedule),
        new ChangeType(offer, "UpdateRenewalTerms", UPDATE, null, OfferChanges::checkRenewal, OfferChanges::updateRenewal),
        new ChangeType(offer, "UpdateAvailability", UPDATE, null, OfferChanges::checkAvailability, OfferChanges::updateAvailability),
        new ChangeType(offer, "UpdateMarkup", UPDATE, null, OfferChanges::checkMarkup, OfferChanges::updateMarkup),
        new ChangeType(offer, "ReleaseOffer", RELEASE, null, OfferChanges::checkEmpty, OfferChanges::release));
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

  private static void checkPricing(Details d) {
    d.allowOnly("PricingModel", "Terms");
    d.oneOf("PricingModel", "Usage", "Contract", "Free", "Byol");
    for (Details term : d.objects("Terms", 1, 10)) {
      PricingTerms.check(term, "");
    }
  }

  private static void updatePricing(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      if (offer.isReleased()) {
        work.fail(step, INVALID_UPDATE, "Pricing terms can't be changed after the offer is released.");
        return;
      }
      String model = d.text("PricingModel");
      List<JsonNode> terms = new ArrayList<>();
      d.json().withArray("Terms").forEach(terms::add);
      if (!compatible(work, step, offer, model, terms)) {
        return;
      }
      if (offer.isChannelPartnerOffer()) {
        if (!model.equals(offer.pricingModel)) {
          work.fail(step, "INCOMPATIBLE_PRICING_MODEL", "A channel partner offer keeps the pricing model of its resale authorization ("
              + offer.pricingModel + ").");
          return;
        }
        Set<String> allowed = work.find(offer.resaleAuthorizationId, ResaleAuthorization.class)
            .map(ra -> PricingTerms.dimensionKeys(ra.pricingTerms)).orElse(Set.of());
        if (!allowed.containsAll(PricingTerms.dimensionKeys(terms))) {
          work.fail(step, "INCOMPATIBLE_DIMENSIONS", "A channel partner offer can only price dimensions of its resale authorization: "
              + allowed + ".");
          return;
        }
      }
      offer.pricingModel = model;
      offer.pricingTerms = terms;
    });
  }

  private static boolean compatible(ChangeSetWork work, ChangeSetWork.Step step, Offer offer, String model, List<JsonNode> terms) {
    Set<String> types = new HashSet<>();
    terms.forEach(t -> types.add(t.path("Type").asText()));
    boolean fits = switch (model) {
      case "Usage" -> types.contains("UsageBasedPricingTerm");
      case "Contract" -> types.contains("ConfigurableUpfrontPricingTerm") || types.contains("FixedUpfrontPricingTerm");
      case "Byol" -> types.contains("ByolPricingTerm");
      default -> true;
    };
    if (!fits) {
      work.fail(step, "INCOMPATIBLE_PRICING_MODEL", "Pricing model " + model + " does not fit terms " + types + ".");
      return false;
    }
    if ("Free".equals(model) && PricingTerms.prices(terms).stream().anyMatch(p -> p.signum() != 0)) {
      work.fail(step, "INCOMPATIBLE_RATES", "Every price of a Free offer must be 0.");
      return false;
    }
    if (types.contains("UsageBasedPricingTerm") && !PricingTerms.currencies(terms).stream().allMatch("USD"::equals)) {
      work.fail(step, "INVALID_CURRENCY_CODE", "Usage pricing is only available in USD.");
      return false;
    }
    if (PricingTerms.currencies(terms).size() > 1) {
      work.fail(step, "INVALID_CURRENCY_CODE", "All pricing terms of an offer use one currency.");
      return false;
    }
    Optional<SaaSProduct> product = work.find(offer.productId, SaaSProduct.class);
    for (String key : PricingTerms.dimensionKeys(terms)) {
      if (product.isPresent() && !product.get().hasDimension(key)) {
        work.fail(step, "INCOMPATIBLE_DIMENSIONS", "Dimension " + key + " is not a dimension of product " + offer.productId + ".");
        return false;
      }
    }
    return true;
  }

  private static void checkLegal(Details d) {
    d.allowOnly("Terms");
    Details term = d.objects("Terms", 1, 1).get(0);
    term.allowOnly("Type", "Documents");
    term.oneOf("Type", "LegalTerm");
    for (Details document : term.objects("Documents", 1, 5)) {
      checkLegalDocument(document, "CustomEula", "StandardEula", "CustomDsa", "StandardDsa");
    }
  }

  static void checkLegalDocument(Details document, String... types) {
    document.allowOnly("Type", "Url", "Version");
    String type = document.oneOf("Type", types);
    if (type.startsWith("Custom")) {
      String url = document.text("Url", 1, 2048);
      if (!url.startsWith("https://") && !url.startsWith("http://")) {
        throw document.invalid("Url", "must be an http(s) URL");
      }
    } else if (!document.has("Version") && !document.has("Url")) {
      throw document.invalid("Version", "is required for " + type);
    }
  }

  private static void updateLegal(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      if (offer.isReleased()) {
        work.fail(step, INVALID_UPDATE, "Legal terms can't be changed after the offer is released.");
        return;
      }
      offer.legalTerm = d.json().withArray("Terms").get(0);
    });
  }

  private static void checkSupport(Details d) {
    d.allowOnly("Terms");
    Details term = d.objects("Terms", 1, 1).get(0);
    term.allowOnly("Type", "RefundPolicy");
    term.oneOf("Type", "SupportTerm");
    term.text("RefundPolicy", 1, 500);
  }

  private static void updateSupport(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      if (offer.isReleased()) {
        work.fail(step, INVALID_UPDATE, "Support terms can't be changed after the offer is released.");
        return;
      }
      offer.supportTerm = d.json().withArray("Terms").get(0);
    });
  }

  private static void checkValidity(Details d) {
    d.allowOnly("Terms");
    Details term = d.objects("Terms", 1, 1).get(0);
    term.allowOnly("Type", "AgreementDuration", "AgreementStartDate", "AgreementEndDate");
    term.oneOf("Type", "ValidityTerm");
    term.requireAny("AgreementDuration", "AgreementEndDate");
    term.optPeriod("AgreementDuration");
    term.optDate("AgreementStartDate");
    term.optDate("AgreementEndDate");
    if (term.has("AgreementDuration") && term.has("AgreementEndDate")) {
      throw new InvalidDetails("AgreementDuration and AgreementEndDate can't be used together");
    }
  }

  private static void updateValidity(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      JsonNode term = d.json().withArray("Terms").get(0);
      if (offer.isReleased() && (term.has("AgreementStartDate") || term.has("AgreementEndDate"))) {
        work.fail(step, INVALID_UPDATE, "Agreement start and end dates can't be changed after the offer is released.");
        return;
      }
      Details validity = new Details(term, "Terms[0]");
      if (validity.optDate("AgreementEndDate").filter(end -> end.isBefore(work.today)).isPresent()) {
        work.fail(step, "INVALID_VALIDITY_TERMS", "AgreementEndDate must not be in the past.");
        return;
      }
      if (offer.isChannelPartnerOffer()) {
        Optional<String> raDuration = work.find(offer.resaleAuthorizationId, ResaleAuthorization.class)
            .flatMap(ra -> ra.pricingTerms.stream().map(t -> t.path("Duration").asText(null)).filter(v -> v != null).findFirst());
        if (raDuration.isPresent() && term.has("AgreementDuration")
            && !raDuration.get().equals(term.get("AgreementDuration").asText())) {
          work.fail(step, "INVALID_VALIDITY_TERMS", "The agreement duration must match the resale authorization's ("
              + raDuration.get() + ").");
          return;
        }
      }
      offer.validityTerm = term;
    });
  }

  private static void checkPaymentSchedule(Details d) {
    d.allowOnly("Terms");
    PricingTerms.checkPaymentSchedule(d.objects("Terms", 1, 1).get(0), "PaymentScheduleTerm");
  }

  private static void updatePaymentSchedule(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      if (offer.isReleased()) {
        work.fail(step, INVALID_UPDATE, "The payment schedule can't be changed after the offer is released.");
        return;
      }
      offer.paymentScheduleTerm = d.json().withArray("Terms").get(0);
    });
  }

  private static void checkRenewal(Details d) {
    d.allowOnly("Terms");
    for (Details term : d.objects("Terms", 0, 1)) {
      term.allowOnly("Type");
      term.oneOf("Type", "RenewalTerm");
    }
  }

  private static void updateRenewal(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      ArrayNode terms = d.json().withArray("Terms");
      offer.renewalTerm = terms.isEmpty() ? null : terms.get(0);
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

  static void checkEmpty(Details d) {
    if (!d.isEmpty()) {
      throw new InvalidDetails("The details of this change type must be empty: {}");
    }
  }

  private static void release(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
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

  private static void checkName(Details d) {
    d.optText("Name", 1, 150).ifPresent(name -> {
      if (!NAME.matcher(name).matches()) {
        throw d.invalid("Name", "can't contain \\, < or >");
      }
    });
  }
}
