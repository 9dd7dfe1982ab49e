package org.offerdesk.sandbox.buyers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.offerdesk.sandbox.agreements.Agreement;
import org.offerdesk.sandbox.wire.AwsJson;

/**
 * What a buyer agrees to when accepting an offer's terms at a moment: when the agreement starts and ends,
 * the quantities it entitles the buyer to, its estimated value, and the terms as the Agreement API
 * returns them (camelCase AcceptedTerm unions, dates as epoch seconds, a configuration for configurable
 * upfront pricing).
 */
record AcceptedTerms(
    Instant start, Instant end, ArrayNode terms, List<Agreement.Entitlement> entitlements, String currencyCode,
    BigDecimal value) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Works out the accepted terms. {@code chosen} are the buyer's quantities per dimension, only for offers
   * whose upfront pricing is configurable; empty means one of each dimension of the offer's rate card.
   */
  static AcceptedTerms of(List<JsonNode> offerTerms, Map<String, Long> chosen, Instant now) {
    JsonNode validity = find(offerTerms, "ValidityTerm");
    JsonNode configurable = find(offerTerms, "ConfigurableUpfrontPricingTerm");
    JsonNode fixed = find(offerTerms, "FixedUpfrontPricingTerm");
    if (!chosen.isEmpty() && configurable == null) {
      throw new PurchaseRefused(400, "QUANTITIES_FIXED", "This offer's quantities are set by its terms; send no dimensions.");
    }
    Instant start = now;
    LocalDate startDate = date(validity, "AgreementStartDate");
    if (startDate != null && startDate.atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(now)) {
      start = startDate.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    Instant end = null;
    LocalDate endDate = date(validity, "AgreementEndDate");
    String duration = text(validity, "AgreementDuration");
    if (duration == null && configurable != null) {
      duration = configurable.path("RateCards").path(0).path("Selector").path("Value").asText(null);
    }
    if (duration == null && fixed != null) {
      duration = text(fixed, "Duration");
    }
    if (endDate != null) {
      end = endDate.atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC).minusNanos(999_999);
    } else if (duration != null) {
      end = LocalDateTime.ofInstant(start, ZoneOffset.UTC).plus(Period.parse(duration)).toInstant(ZoneOffset.UTC);
    }

    List<Agreement.Entitlement> entitlements = new ArrayList<>();
    String currency = null;
    BigDecimal value = BigDecimal.ZERO;
    ArrayNode accepted = JSON.createArrayNode();
    for (JsonNode term : offerTerms) {
      String type = term.path("Type").asText();
      ObjectNode member = (ObjectNode) camelCase(term);
      if (term.has("CurrencyCode") && currency == null) {
        currency = term.get("CurrencyCode").asText();
      }
      switch (type) {
        case "ConfigurableUpfrontPricingTerm" -> {
          JsonNode card = term.path("RateCards").path(0);
          Map<String, BigDecimal> prices = new LinkedHashMap<>();
          card.path("RateCard").forEach(r -> prices.put(r.path("DimensionKey").asText(), new BigDecimal(r.path("Price").asText("0"))));
          Map<String, Long> quantities = new LinkedHashMap<>();
          if (chosen.isEmpty()) {
            prices.keySet().forEach(k -> quantities.put(k, 1L));
          } else {
            chosen.forEach((k, q) -> {
              if (!prices.containsKey(k)) {
                throw new PurchaseRefused(400, "INVALID_DIMENSION", "Dimension " + k + " is not offered; choose from " + prices.keySet());
              }
              if (q == null || q < 1) {
                throw new PurchaseRefused(400, "INVALID_QUANTITY", "The quantity of " + k + " must be at least 1");
              }
              quantities.put(k, q);
            });
          }
          ObjectNode configuration = member.putObject("configuration")
              .put("selectorValue", card.path("Selector").path("Value").asText());
          ArrayNode dims = configuration.putArray("dimensions");
          for (Map.Entry<String, Long> q : quantities.entrySet()) {
            dims.addObject().put("dimensionKey", q.getKey()).put("dimensionValue", q.getValue());
            entitlements.add(new Agreement.Entitlement(q.getKey(), q.getValue()));
            value = value.add(prices.get(q.getKey()).multiply(BigDecimal.valueOf(q.getValue())));
          }
        }
        case "FixedUpfrontPricingTerm", "FreeTrialPricingTerm" -> {
          term.path("Grants").forEach(g -> entitlements.add(
              new Agreement.Entitlement(g.path("DimensionKey").asText(), g.path("MaxQuantity").asLong(1))));
          if (term.has("Price")) {
            value = value.add(new BigDecimal(term.get("Price").asText()));
          }
        }
        case "PaymentScheduleTerm" -> {
          ArrayNode schedule = member.putArray("schedule");
          for (JsonNode payment : term.path("Schedule")) {
            ObjectNode p = schedule.addObject();
            AwsJson.putTime(p, "chargeDate", LocalDate.parse(payment.path("ChargeDate").asText().substring(0, 10))
                .atStartOfDay().toInstant(ZoneOffset.UTC));
            p.put("chargeAmount", payment.path("ChargeAmount").asText());
            value = value.add(new BigDecimal(payment.path("ChargeAmount").asText("0")));
          }
        }
        case "ValidityTerm" -> {
          member.remove("agreementStartDate");
          member.remove("agreementEndDate");
          AwsJson.putTime(member, "agreementStartDate", start);
          AwsJson.putTime(member, "agreementEndDate", end);
        }
        case "RenewalTerm" -> {
          member.removeAll();
          member.put("type", "RenewalTerm").putObject("configuration").put("enableAutoRenew", false);
        }
        default -> {
          // legal, support, usage, BYOL and recurring terms keep their members as published
        }
      }
      String union = Character.toLowerCase(type.charAt(0)) + type.substring(1);
      accepted.addObject().set(union, member);
    }
    return new AcceptedTerms(start, end, accepted, entitlements, currency == null ? "USD" : currency, value);
  }

  private static JsonNode find(List<JsonNode> terms, String type) {
    return terms.stream().filter(t -> type.equals(t.path("Type").asText())).findFirst().orElse(null);
  }

  private static String text(JsonNode node, String field) {
    return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
  }

  private static LocalDate date(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? null : LocalDate.parse(value.substring(0, 10));
  }

  /** AWS's offer documents in PascalCase become the Agreement API's camelCase members. */
  static JsonNode camelCase(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String key = f.getKey();
        out.set(Character.toLowerCase(key.charAt(0)) + key.substring(1), camelCase(f.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      node.forEach(n -> out.add(camelCase(n)));
      return out;
    }
    return node;
  }
}
