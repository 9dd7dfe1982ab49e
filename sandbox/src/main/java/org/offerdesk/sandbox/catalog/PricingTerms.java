package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The schema of AWS's pricing and payment term documents, shared by offers and resale authorizations
 * (whose term types carry a {@code Resale} prefix). Prices are checked as decimals: usage prices may
 * have 8 decimals, the others 3; scheduled payments 2.
 */
final class PricingTerms {

  static final String[] CURRENCIES = {"USD", "AUD", "EUR", "GBP", "JPY"};
  private static final String[] ALLOWED = {"Allowed", "Disallowed"};

  private PricingTerms() {}

  /** Checks one pricing term; {@code prefix} is "" for offers and "Resale" for resale authorizations. */
  static void check(Details term, String prefix) {
    String type = term.oneOf("Type", prefix + "UsageBasedPricingTerm", prefix + "ConfigurableUpfrontPricingTerm",
        prefix + "FixedUpfrontPricingTerm", "RecurringPaymentTerm", "FreeTrialPricingTerm", "ByolPricingTerm");
    switch (type.substring(prefix.length() > 0 && type.startsWith(prefix) ? prefix.length() : 0)) {
      case "UsageBasedPricingTerm" -> {
        term.allowOnly("Type", "CurrencyCode", "RateCards");
        term.oneOf("CurrencyCode", CURRENCIES);
        for (Details card : term.objects("RateCards", 1, 1)) {
          card.allowOnly("RateCard");
          rateCard(card, 8);
        }
      }
      case "ConfigurableUpfrontPricingTerm" -> {
        term.allowOnly("Type", "CurrencyCode", "RateCards");
        term.oneOf("CurrencyCode", CURRENCIES);
        for (Details card : term.objects("RateCards", 1, 5)) {
          card.allowOnly("Selector", "RateCard", "Constraints");
          Details selector = card.object("Selector").allowOnly("Type", "Value");
          selector.oneOf("Type", "Duration");
          selector.optPeriod("Value").orElseThrow(() -> selector.invalid("Value", "is required"));
          rateCard(card, 3);
          Details constraints = card.object("Constraints").allowOnly("MultipleDimensionSelection", "QuantityConfiguration");
          String multiple = constraints.oneOf("MultipleDimensionSelection", ALLOWED);
          if (!multiple.equals(constraints.oneOf("QuantityConfiguration", ALLOWED))) {
            throw constraints.invalid("QuantityConfiguration", "must equal MultipleDimensionSelection");
          }
        }
      }
      case "FixedUpfrontPricingTerm" -> {
        term.allowOnly("Type", "CurrencyCode", "Price", "Duration", "Grants");
        term.oneOf("CurrencyCode", CURRENCIES);
        term.amount("Price", 3);
        term.optPeriod("Duration");
        grants(term);
      }
      case "RecurringPaymentTerm" -> {
        term.allowOnly("Type", "CurrencyCode", "BillingPeriod", "Price");
        term.oneOf("CurrencyCode", "USD");
        term.oneOf("BillingPeriod", "Monthly");
        term.amount("Price", 3);
      }
      case "FreeTrialPricingTerm" -> {
        term.allowOnly("Type", "Duration", "Grants");
        term.optPeriod("Duration").orElseThrow(() -> term.invalid("Duration", "is required"));
        grants(term);
      }
      default -> term.allowOnly("Type");
    }
  }

  private static void rateCard(Details card, int maxScale) {
    for (Details rate : card.objects("RateCard", 1, 800)) {
      rate.allowOnly("DimensionKey", "Price");
      rate.text("DimensionKey", 1, 100);
      rate.amount("Price", maxScale);
    }
  }

  private static void grants(Details term) {
    for (Details grant : term.objects("Grants", 1, 200)) {
      grant.allowOnly("DimensionKey", "MaxQuantity");
      grant.text("DimensionKey", 1, 100);
      grant.integer("MaxQuantity", 1, Integer.MAX_VALUE);
    }
  }

  static void checkPaymentSchedule(Details term, String type) {
    term.allowOnly("Type", "CurrencyCode", "Schedule");
    term.oneOf("Type", type);
    term.oneOf("CurrencyCode", CURRENCIES);
    for (Details payment : term.objects("Schedule", 1, 60)) {
      payment.allowOnly("ChargeDate", "ChargeAmount");
      payment.date("ChargeDate");
      payment.amount("ChargeAmount", 2);
    }
  }

  /** The dimension keys a list of pricing terms prices or grants. */
  static Set<String> dimensionKeys(List<JsonNode> terms) {
    Set<String> keys = new LinkedHashSet<>();
    for (JsonNode term : terms) {
      term.findValues("DimensionKey").forEach(k -> keys.add(k.asText()));
    }
    return keys;
  }

  /** Every price of the terms, to check that a Free offer prices nothing. */
  static List<BigDecimal> prices(List<JsonNode> terms) {
    return terms.stream().flatMap(t -> t.findValues("Price").stream()).map(p -> new BigDecimal(p.asText())).toList();
  }

  static Set<String> currencies(List<JsonNode> terms) {
    Set<String> currencies = new LinkedHashSet<>();
    for (JsonNode term : terms) {
      if (term.hasNonNull("CurrencyCode")) {
        currencies.add(term.get("CurrencyCode").asText());
      }
    }
    return currencies;
  }

  /** The term type a Resale term becomes on a channel partner offer built on it. */
  static String withoutResalePrefix(String type) {
    return type.startsWith("Resale") ? type.substring("Resale".length()) : type;
  }
}
