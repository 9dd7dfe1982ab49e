package org.offerdesk.sandbox.catalog;

import static org.offerdesk.sandbox.catalog.ChangeType.Phase.CREATE;
import static org.offerdesk.sandbox.catalog.ChangeType.Phase.RELEASE;
import static org.offerdesk.sandbox.catalog.ChangeType.Phase.UPDATE;
import static org.offerdesk.sandbox.catalog.OfferChanges.INVALID_UPDATE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.offerdesk.sandbox.accounts.Account;

/**
 * The change types of {@code ResaleAuthorization@1.0}. Terms can be set while the authorization is a
 * draft; once released (Active) only its availability may change, and restricting it is for good.
 */
final class ResaleAuthorizationChanges {

  private ResaleAuthorizationChanges() {}

  static List<ChangeType> all() {
    EntityType ra = EntityType.RESALE_AUTHORIZATION;
    return List.of(
        new ChangeType(ra, "CreateResaleAuthorization", CREATE, "ProductId", ResaleAuthorizationChanges::checkCreate,
            ResaleAuthorizationChanges::create),
        new ChangeType(ra, "UpdateInformation", UPDATE, null, ResaleAuthorizationChanges::checkInformation,
            ResaleAuthorizationChanges::updateInformation),
        new ChangeType(ra, "UpdateBuyerTargetingTerms", UPDATE, null, ResaleAuthorizationChanges::checkBuyerTargeting,
            ResaleAuthorizationChanges::updateBuyerTargeting),
        new ChangeType(ra, "UpdateAvailability", UPDATE, null, ResaleAuthorizationChanges::checkAvailability,
            ResaleAuthorizationChanges::updateAvailability),
        new ChangeType(ra, "UpdateLegalTerms", UPDATE, null, ResaleAuthorizationChanges::checkLegal,
            ResaleAuthorizationChanges::updateLegal),
        new ChangeType(ra, "UpdatePricingTerms", UPDATE, null, ResaleAuthorizationChanges::checkPricing,
            ResaleAuthorizationChanges::updatePricing),
        new ChangeType(ra, "UpdatePaymentScheduleTerms", UPDATE, null, ResaleAuthorizationChanges::checkPaymentSchedule,
            ResaleAuthorizationChanges::updatePaymentSchedule),
        new ChangeType(ra, "ReleaseResaleAuthorization", RELEASE, null, OfferRelease::checkEmpty,
            ResaleAuthorizationChanges::release),
        new ChangeType(ra, "RestrictResaleAuthorization", RELEASE, null, OfferRelease::checkEmpty,
            ResaleAuthorizationChanges::restrict));
  }

  private static void checkCreate(Details d) {
    d.allowOnly("ProductId", "Name", "Description", "ResellerAccountId");
    d.text("ProductId", 1, 50);
    d.text("Name", 1, 100);
    d.optText("Description", 1, 255);
    d.accountId("ResellerAccountId");
  }

  private static void create(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    Optional<SaaSProduct> product = work.find(d.text("ProductId"), SaaSProduct.class)
        .filter(p -> p.ownerAccountId().equals(work.callerId()));
    if (product.isEmpty() || !product.get().visibility().acceptsOffers()) {
      work.fail(step, "INCOMPATIBLE_PRODUCT", "Use an active product of this seller in Limited or Public state.");
      return;
    }
    String reseller = d.text("ResellerAccountId");
    Optional<Account> account = work.accounts.find(reseller);
    if (account.isEmpty() || !account.get().isReseller() || reseller.equals(work.callerId())) {
      work.fail(step, "INVALID_RESELLER_ACCOUNT", "Account " + reseller + " is not a channel partner that can resell this product.");
      return;
    }
    ResaleAuthorization ra = ResaleAuthorization.draft(
        work.ids.newEntityId(EntityType.RESALE_AUTHORIZATION), work.callerId(), product.get().id(), reseller, work.now);
    ra.name = d.text("Name");
    ra.description = d.optText("Description").orElse(null);
    work.created(step, ra);
  }

  /** The step's authorization, if it is still a draft; otherwise the step fails. */
  private static Optional<ResaleAuthorization> draft(ChangeSetWork work, ChangeSetWork.Step step, String what) {
    Optional<ResaleAuthorization> ra = work.target(step, ResaleAuthorization.class);
    if (ra.isPresent() && ra.get().status() != ResaleAuthorizationStatus.Draft) {
      work.fail(step, INVALID_UPDATE, what + " can't be changed on a resale authorization that is " + ra.get().status() + ".");
      return Optional.empty();
    }
    return ra;
  }

  private static void checkInformation(Details d) {
    d.allowOnly("Name", "Description", "PreExistingBuyerAgreement");
    d.requireAny("Name", "Description", "PreExistingBuyerAgreement");
    d.optText("Name", 1, 100);
    d.optText("Description", 1, 255);
    d.optObject("PreExistingBuyerAgreement").ifPresent(OfferChanges::checkPreExistingAgreement);
  }

  private static void updateInformation(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    draft(work, step, "Information").ifPresent(ra -> {
      d.optText("Name").ifPresent(v -> ra.name = v);
      d.optText("Description").ifPresent(v -> ra.description = v);
      d.optObject("PreExistingBuyerAgreement").ifPresent(p -> ra.preExistingBuyerAgreement = p.json());
    });
  }

  private static void checkBuyerTargeting(Details d) {
    d.allowOnly("Terms");
    Details term = d.objects("Terms", 1, 1).get(0);
    term.allowOnly("Type", "PositiveTargeting");
    term.oneOf("Type", "BuyerTargetingTerm");
    Details positive = term.object("PositiveTargeting").allowOnly("BuyerAccounts");
    positive.texts("BuyerAccounts", 1, 25, Details.ACCOUNT_ID, "12-digit AWS account IDs");
  }

  private static void updateBuyerTargeting(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    draft(work, step, "Buyer targeting").ifPresent(ra -> {
      List<String> buyers = new ArrayList<>();
      d.json().withArray("Terms").get(0).path("PositiveTargeting").path("BuyerAccounts").forEach(b -> buyers.add(b.asText()));
      ra.buyerAccounts = buyers;
    });
  }

  private static void checkAvailability(Details d) {
    d.allowOnly("AvailabilityEndDate", "OffersMaxQuantity");
    d.requireAny("AvailabilityEndDate", "OffersMaxQuantity");
    d.optDate("AvailabilityEndDate");
    if (d.has("OffersMaxQuantity")) {
      d.integer("OffersMaxQuantity", 1, 1_000_000);
    }
  }

  private static void updateAvailability(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, ResaleAuthorization.class).ifPresent(ra -> {
      if (ra.status() == ResaleAuthorizationStatus.Restricted) {
        work.fail(step, INVALID_UPDATE, "A restricted resale authorization can't be changed.");
        return;
      }
      Optional<java.time.LocalDate> end = d.optDate("AvailabilityEndDate");
      if (end.isPresent() && end.get().isBefore(work.today)) {
        work.fail(step, "INVALID_AVAILABILITY_END_DATE", "The availability end date must not be in the past.");
        return;
      }
      if (d.has("OffersMaxQuantity") && ra.status() != ResaleAuthorizationStatus.Draft) {
        work.fail(step, INVALID_UPDATE, "OffersMaxQuantity can't be changed after the resale authorization is released.");
        return;
      }
      end.ifPresent(v -> ra.availabilityEndDate = v);
      if (d.has("OffersMaxQuantity")) {
        ra.offersMaxQuantity = d.integer("OffersMaxQuantity", 1, 1_000_000);
      }
    });
  }

  private static void checkLegal(Details d) {
    d.allowOnly("Terms");
    for (Details term : d.objects("Terms", 1, 2)) {
      term.allowOnly("Type", "Documents");
      String type = term.oneOf("Type", "BuyerLegalTerm", "ResaleLegalTerm");
      for (Details document : term.objects("Documents", 1, 5)) {
        if (type.equals("BuyerLegalTerm")) {
          OfferTermChanges.checkLegalDocument(document, "CustomEula", "StandardEula");
        } else {
          OfferTermChanges.checkLegalDocument(document, "CustomResellerContract", "StandardResellerContract");
        }
      }
    }
  }

  private static void updateLegal(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    draft(work, step, "Legal terms").ifPresent(ra -> {
      List<JsonNode> terms = new ArrayList<>(ra.legalTerms);
      for (JsonNode term : d.json().withArray("Terms")) {
        terms.removeIf(t -> t.path("Type").asText().equals(term.path("Type").asText()));
        terms.add(term);
      }
      ra.legalTerms = terms;
    });
  }

  private static void checkPricing(Details d) {
    d.allowOnly("PricingModel", "Terms");
    d.oneOf("PricingModel", "Usage", "Contract");
    for (Details term : d.objects("Terms", 1, 5)) {
      PricingTerms.check(term, "Resale");
      if (!term.text("Type").startsWith("Resale")) {
        throw term.invalid("Type", "must be a Resale pricing term");
      }
      if (term.has("CurrencyCode") && !"USD".equals(term.text("CurrencyCode"))) {
        throw term.invalid("CurrencyCode", "must be USD for resale authorizations");
      }
    }
  }

  private static void updatePricing(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    draft(work, step, "Pricing terms").ifPresent(ra -> {
      List<JsonNode> terms = new ArrayList<>();
      d.json().withArray("Terms").forEach(terms::add);
      String model = d.text("PricingModel");
      boolean usage = terms.stream().anyMatch(t -> t.path("Type").asText().equals("ResaleUsageBasedPricingTerm"));
      boolean upfront = terms.stream().anyMatch(t -> t.path("Type").asText().matches("Resale(ConfigurableUpfront|FixedUpfront)PricingTerm"));
      if (("Usage".equals(model) && !usage) || ("Contract".equals(model) && !upfront)) {
        work.fail(step, "INCOMPATIBLE_PRICING_MODEL", "Pricing model " + model + " does not fit the terms given.");
        return;
      }
      Optional<SaaSProduct> product = work.find(ra.productId(), SaaSProduct.class);
      for (String key : PricingTerms.dimensionKeys(terms)) {
        if (product.isPresent() && !product.get().hasDimension(key)) {
          work.fail(step, "INCOMPATIBLE_DIMENSIONS", "Dimension " + key + " is not a dimension of product " + ra.productId() + ".");
          return;
        }
      }
      ra.pricingModel = model;
      ra.pricingTerms = terms;
    });
  }

  private static void checkPaymentSchedule(Details d) {
    d.allowOnly("Terms");
    PricingTerms.checkPaymentSchedule(d.objects("Terms", 1, 1).get(0), "ResalePaymentScheduleTerm");
  }

  private static void updatePaymentSchedule(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    draft(work, step, "The payment schedule").ifPresent(ra -> ra.paymentScheduleTerm = d.json().withArray("Terms").get(0));
  }

  private static void release(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, ResaleAuthorization.class).ifPresent(ra -> {
      if (ra.status() != ResaleAuthorizationStatus.Draft) {
        work.fail(step, INVALID_UPDATE, "Resale authorization " + ra.id() + " is already " + ra.status() + ".");
        return;
      }
      List<String> missing = new ArrayList<>();
      if (ra.pricingTerms.isEmpty()) {
        missing.add("pricing");
      }
      if (ra.legalTerm("BuyerLegalTerm") == null) {
        missing.add("BuyerLegalTerm");
      }
      if (!missing.isEmpty()) {
        work.fail(step, "MISSING_MANDATORY_TERMS", "Missing mandatory terms: " + String.join(", ", missing) + ".");
        return;
      }
      if (ra.paymentScheduleTerm != null) {
        boolean fixed = ra.pricingTerms.stream().anyMatch(t -> t.path("Type").asText().equals("ResaleFixedUpfrontPricingTerm"));
        if (!fixed || ra.offersMaxQuantity == null || ra.availabilityEndDate == null) {
          work.fail(step, "INCOMPATIBLE_PAYMENT_SCHEDULE", "A payment schedule needs a ResaleFixedUpfrontPricingTerm, "
              + "OffersMaxQuantity and an AvailabilityEndDate.");
          return;
        }
      }
      ra.moveTo(ResaleAuthorizationStatus.Active);
    });
  }

  private static void restrict(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, ResaleAuthorization.class).ifPresent(ra -> {
      if (ra.status() != ResaleAuthorizationStatus.Active) {
        work.fail(step, INVALID_UPDATE, "Only an active resale authorization can be restricted; this one is " + ra.status() + ".");
        return;
      }
      if (ra.isExpired(work.today)) {
        work.fail(step, INVALID_UPDATE, "An expired resale authorization can't be restricted.");
        return;
      }
      ra.moveTo(ResaleAuthorizationStatus.Restricted);
    });
  }
}
