package org.offerdesk.sandbox.catalog;

import static org.offerdesk.sandbox.catalog.OfferChanges.INVALID_UPDATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The term changes of {@code Offer@1.0} (pricing, legal, support, validity, payment schedule, renewal):
 * their schemas and what AWS refuses once an offer is released or on a channel partner offer.
 */
final class OfferTermChanges {

  private OfferTermChanges() {}

  static void checkPricing(Details d) {
    d.allowOnly("PricingModel", "Terms");
    d.oneOf("PricingModel", "Usage", "Contract", "Free", "Byol");
    for (Details term : d.objects("Terms", 1, 10)) {
      PricingTerms.check(term, "");
    }
  }

  static void updatePricing(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
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

  static void checkLegal(Details d) {
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

  static void updateLegal(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      if (offer.isReleased()) {
        work.fail(step, INVALID_UPDATE, "Legal terms can't be changed after the offer is released.");
        return;
      }
      offer.legalTerm = d.json().withArray("Terms").get(0);
    });
  }

  static void checkSupport(Details d) {
    d.allowOnly("Terms");
    Details term = d.objects("Terms", 1, 1).get(0);
    term.allowOnly("Type", "RefundPolicy");
    term.oneOf("Type", "SupportTerm");
    term.text("RefundPolicy", 1, 500);
  }

  static void updateSupport(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      if (offer.isReleased()) {
        work.fail(step, INVALID_UPDATE, "Support terms can't be changed after the offer is released.");
        return;
      }
      offer.supportTerm = d.json().withArray("Terms").get(0);
    });
  }

  static void checkValidity(Details d) {
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

  static void updateValidity(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
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

  static void checkPaymentSchedule(Details d) {
    d.allowOnly("Terms");
    PricingTerms.checkPaymentSchedule(d.objects("Terms", 1, 1).get(0), "PaymentScheduleTerm");
  }

  static void updatePaymentSchedule(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      if (offer.isReleased()) {
        work.fail(step, INVALID_UPDATE, "The payment schedule can't be changed after the offer is released.");
        return;
      }
      offer.paymentScheduleTerm = d.json().withArray("Terms").get(0);
    });
  }

  static void checkRenewal(Details d) {
    d.allowOnly("Terms");
    for (Details term : d.objects("Terms", 0, 1)) {
      term.allowOnly("Type");
      term.oneOf("Type", "RenewalTerm");
    }
  }

  static void updateRenewal(ChangeSetWork work, ChangeSetWork.Step step, Details d) {
    work.target(step, Offer.class).ifPresent(offer -> {
      ArrayNode terms = d.json().withArray("Terms");
      offer.renewalTerm = terms.isEmpty() ? null : terms.get(0);
    });
  }
}
