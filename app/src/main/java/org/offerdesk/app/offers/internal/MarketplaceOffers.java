package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;

/**
 * Reads an offer as the marketplace describes it (DescribeEntity's details) back into OfferDesk's terms,
 * for offers made outside OfferDesk.
 */
final class MarketplaceOffers {

  /** What the marketplace says about one offer. */
  record Described(OfferType type, OfferTerms terms, String state, String sourceAgreementId,
      boolean pricesDerived) {

    OfferStage stage(LocalDate today) {
      if (!"Released".equalsIgnoreCase(state)) {
        return OfferStage.DRAFT;
      }
      if (terms.expiresOn() != null && terms.expiresOn().isBefore(today)) {
        return OfferStage.EXPIRED;
      }
      return OfferStage.SENT;
    }
  }

  private MarketplaceOffers() {}

  static Described read(JsonNode d) {
    // Nothing is assumed: a term the marketplace does not state stays null, and the offer needs review.
    String currency = null;
    OfferTerms.PricingModel model = OfferTerms.PricingModel.CONTRACT;
    List<OfferTerms.PricedDimension> dimensions = new ArrayList<>();
    List<OfferTerms.Installment> schedule = new ArrayList<>();
    Integer months = null;
    LocalDate start = null;
    LocalDate end = null;
    OfferTerms.Eula eula = new OfferTerms.Eula(OfferTerms.EulaType.STANDARD, null);
    String refund = null;
    boolean renew = false;
    for (JsonNode term : d.path("Terms")) {
      String type = term.path("Type").asText();
      if (term.hasNonNull("CurrencyCode")) {
        currency = term.get("CurrencyCode").asText();
      }
      switch (type) {
        case "FixedUpfrontPricingTerm" -> {
          for (JsonNode g : term.path("Grants")) {
            dimensions.add(new OfferTerms.PricedDimension(g.path("DimensionKey").asText(),
                g.path("MaxQuantity").asLong(1), price(term)));
          }
          if (months == null) {
            months = months(term.path("Duration").asText(null));
          }
        }
        case "ConfigurableUpfrontPricingTerm" -> {
          for (JsonNode card : term.path("RateCards")) {
            if (months == null) {
              months = months(card.path("Selector").path("Value").asText(null));
            }
            for (JsonNode rate : card.path("RateCard")) {
              dimensions.add(new OfferTerms.PricedDimension(rate.path("DimensionKey").asText(), 1L,
                  price(rate)));
            }
          }
        }
        case "UsageBasedPricingTerm" -> {
          model = OfferTerms.PricingModel.USAGE;
          for (JsonNode card : term.path("RateCards")) {
            for (JsonNode rate : card.path("RateCard")) {
              dimensions.add(new OfferTerms.PricedDimension(rate.path("DimensionKey").asText(), null,
                  price(rate)));
            }
          }
        }
        case "PaymentScheduleTerm" -> {
          for (JsonNode charge : term.path("Schedule")) {
            schedule.add(new OfferTerms.Installment(date(charge.path("ChargeDate").asText()),
                new BigDecimal(charge.path("ChargeAmount").asText())));
          }
        }
        case "ValidityTerm" -> {
          if (term.hasNonNull("AgreementDuration")) {
            months = months(term.get("AgreementDuration").asText());
          }
          if (term.hasNonNull("AgreementStartDate")) {
            start = date(term.get("AgreementStartDate").asText());
          }
          if (term.hasNonNull("AgreementEndDate")) {
            end = date(term.get("AgreementEndDate").asText());
          }
        }
        case "LegalTerm" -> {
          JsonNode doc = term.path("Documents").path(0);
          if ("CustomEula".equals(doc.path("Type").asText())) {
            eula = new OfferTerms.Eula(OfferTerms.EulaType.CUSTOM, doc.path("Url").asText(null));
          }
        }
        case "SupportTerm" -> refund = term.path("RefundPolicy").asText(null);
        case "RenewalTerm" -> renew = true;
        default -> { }
      }
    }
    List<String> buyers = new ArrayList<>();
    LocalDate expiresOn = null;
    for (JsonNode rule : d.path("Rules")) {
      if ("TargetingRule".equals(rule.path("Type").asText())) {
        rule.path("PositiveTargeting").path("BuyerAccounts").forEach(b -> buyers.add(b.asText()));
      }
      if ("AvailabilityRule".equals(rule.path("Type").asText()) && rule.hasNonNull("AvailabilityEndDate")) {
        expiresOn = date(rule.get("AvailabilityEndDate").asText());
      }
    }
    boolean derived = false;
    // With a payment schedule the marketplace keeps no unit prices (the grants are priced 0): spread the
    // scheduled total over the quantities so the contract value is right.
    if (!schedule.isEmpty() && model == OfferTerms.PricingModel.CONTRACT && !dimensions.isEmpty()
        && dimensions.stream().allMatch(x -> x.unitPrice() == null || x.unitPrice().signum() == 0)) {
      BigDecimal total = schedule.stream().map(OfferTerms.Installment::amount).reduce(BigDecimal.ZERO,
          BigDecimal::add);
      OfferTerms.PricedDimension first = dimensions.get(0);
      BigDecimal unit = total.divide(BigDecimal.valueOf(first.quantity()), 3, RoundingMode.HALF_UP);
      dimensions.set(0, new OfferTerms.PricedDimension(first.key(), first.quantity(), unit));
      for (int i = 1; i < dimensions.size(); i++) {
        OfferTerms.PricedDimension other = dimensions.get(i);
        dimensions.set(i, new OfferTerms.PricedDimension(other.key(), other.quantity(), BigDecimal.ZERO));
      }
      derived = true;
    }
    if (start != null && end != null) {
      months = null;
    }
    String agreementId = d.hasNonNull("AgreementId") ? d.get("AgreementId").asText() : null;
    OfferType type = agreementId != null ? OfferType.AMENDMENT
        : d.hasNonNull("ResaleAuthorizationId") ? OfferType.PARTNER : OfferType.DIRECT;
    OfferTerms terms = new OfferTerms(d.path("ProductId").asText(null), d.path("Name").asText(null),
        d.path("Description").asText(null), buyers, currency, model, dimensions, start != null && end != null
        ? null : months, start != null && end != null ? start : null, start != null && end != null ? end : null,
        schedule, expiresOn, eula, refund, renew, OfferTerms.Metadata.empty());
    return new Described(type, terms, d.path("State").asText("Draft"), agreementId, derived);
  }

  /** The stated price, or null when the marketplace states none (never a made-up zero). */
  private static BigDecimal price(JsonNode node) {
    return node.hasNonNull("Price") && !node.get("Price").asText().isBlank()
        ? new BigDecimal(node.get("Price").asText()) : null;
  }

  private static LocalDate date(String value) {
    return value == null || value.length() < 10 ? null : LocalDate.parse(value.substring(0, 10));
  }

  private static Integer months(String iso) {
    if (iso == null || iso.isBlank()) {
      return null;
    }
    Period p = Period.parse(iso);
    int months = p.getYears() * 12 + p.getMonths();
    return months > 0 ? months : Math.max(1, Math.round(p.getDays() / 30f));
  }
}
