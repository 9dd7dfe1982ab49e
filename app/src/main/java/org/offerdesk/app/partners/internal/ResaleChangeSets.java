package org.offerdesk.app.partners.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.marketplace.MarketplaceCatalog.Change;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ChangeSetRequest;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ListPrices;

/**
 * Writes a resale authorization as the one change set that grants it (CreateResaleAuthorization,
 * information, buyers, pricing, payment schedule, legal terms, availability, ReleaseResaleAuthorization),
 * and the one that deactivates it; and works out wholesale prices from list prices for a discount.
 */
final class ResaleChangeSets {

  static final String TYPE = "ResaleAuthorization@1.0";
  static final String CREATE = "CreateResaleAuthorization";
  static final String STANDARD_EULA_VERSION = "2022-07-14";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Which field of the authorization each change carries, to put the marketplace's errors next to it. */
  static final Map<String, String> FIELD_OF_CHANGE = Map.of(
      CREATE, "resellerAccountId",
      "UpdateInformation", "name",
      "UpdateBuyerTargetingTerms", "buyerAccountIds",
      "UpdatePricingTerms", "pricing",
      "UpdatePaymentScheduleTerms", "installments",
      "UpdateLegalTerms", "eula",
      "UpdateAvailability", "availability",
      "ReleaseResaleAuthorization", "resaleAuthorization");

  /** Error codes that name their field more precisely than the change they came from. */
  static final Map<String, String> FIELD_OF_CODE = Map.of(
      "INCOMPATIBLE_PRODUCT", "productId",
      "INVALID_RESELLER_ACCOUNT", "resellerAccountId",
      "INCOMPATIBLE_DIMENSIONS", "pricing.dimensions",
      "INVALID_AVAILABILITY_END_DATE", "availability.endsOn");

  private ResaleChangeSets() {}

  /**
   * Wholesale prices for a discount off list: each contract dimension's list price for the authorization's
   * duration (list prices are for the public offer's duration, 12 months as a rule), less the discount,
   * rounded half up to cents.
   */
  static List<ResaleTerms.WholesaleDimension> discounted(ListPrices list, int durationMonths, BigDecimal percent) {
    int listMonths = months(list.duration());
    BigDecimal keep = BigDecimal.valueOf(100).subtract(percent);
    List<ResaleTerms.WholesaleDimension> prices = new ArrayList<>();
    list.upfront().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> prices.add(
        new ResaleTerms.WholesaleDimension(e.getKey(), e.getValue().multiply(BigDecimal.valueOf(durationMonths))
            .multiply(keep).divide(BigDecimal.valueOf(100L * listMonths), 2, RoundingMode.HALF_UP))));
    return prices;
  }

  private static int months(String isoPeriod) {
    Period p = Period.parse(isoPeriod);
    int months = (int) p.toTotalMonths() + p.getDays() / 30;
    return months <= 0 ? 12 : months;
  }

  /** The change set that creates the authorization with these wholesale prices and releases it. */
  static ChangeSetRequest publish(ResaleAuthorization ra, List<ResaleTerms.WholesaleDimension> prices) {
    ResaleTerms t = ra.terms();
    String ref = "$" + CREATE + ".Entity.Identifier";
    List<Change> changes = new ArrayList<>();
    changes.add(change(CREATE, null, CREATE, F.objectNode().put("ProductId", t.productId())
        .put("Name", t.name().strip()).put("Description", description(t))
        .put("ResellerAccountId", t.resellerAccountId())));
    if (t.renewal()) {
      // A renewal: the buyer already has an agreement for the product bought on AWS Marketplace.
      ObjectNode info = F.objectNode();
      info.putObject("PreExistingBuyerAgreement").put("AcquisitionChannel", "AwsMarketplace")
          .put("PricingModel", "Contract");
      changes.add(change("UpdateInformation", ref, null, info));
    }
    if (!t.buyerAccountIds().isEmpty()) {
      ObjectNode targeting = F.objectNode();
      ArrayNode buyers = targeting.putArray("Terms").addObject().put("Type", "BuyerTargetingTerm")
          .putObject("PositiveTargeting").putArray("BuyerAccounts");
      t.buyerAccountIds().forEach(buyers::add);
      changes.add(change("UpdateBuyerTargetingTerms", ref, null, targeting));
    }
    changes.add(change("UpdatePricingTerms", ref, null, pricing(t, prices)));
    if (!t.installments().isEmpty()) {
      ObjectNode schedule = F.objectNode();
      ArrayNode payments = schedule.putArray("Terms").addObject().put("Type", "ResalePaymentScheduleTerm")
          .put("CurrencyCode", t.currency()).putArray("Schedule");
      t.installments().forEach(i -> payments.addObject().put("ChargeDate", i.dueOn().toString())
          .put("ChargeAmount", i.amount().setScale(2, RoundingMode.UNNECESSARY).toPlainString()));
      changes.add(change("UpdatePaymentScheduleTerms", ref, null, schedule));
    }
    changes.add(change("UpdateLegalTerms", ref, null, legal(t)));
    ObjectNode availability = F.objectNode();
    if (t.availability().endsOn() != null) {
      availability.put("AvailabilityEndDate", t.availability().endsOn().toString());
    }
    if (t.availability().type() == ResaleTerms.AvailabilityType.SINGLE_USE) {
      availability.put("OffersMaxQuantity", 1);
    }
    if (!availability.isEmpty()) {
      changes.add(change("UpdateAvailability", ref, null, availability));
    }
    changes.add(change("ReleaseResaleAuthorization", ref, null, F.objectNode()));
    String name = ("OfferDesk resale " + t.name()).replaceAll("[^\\w\\s+=.:@-]", " ");
    return new ChangeSetRequest(name.substring(0, Math.min(100, name.length())), ra.clientRequestToken(), changes);
  }

  /** Deactivates a released authorization for good (offers already made on it stand). */
  static ChangeSetRequest restrict(ResaleAuthorization ra) {
    String token = java.util.UUID.nameUUIDFromBytes(("offerdesk-resale-restrict:" + ra.id())
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    return new ChangeSetRequest("OfferDesk deactivate resale authorization", token,
        List.of(change("RestrictResaleAuthorization", ra.marketplaceId(), null, F.objectNode())));
  }

  private static String description(ResaleTerms t) {
    String d = t.description() == null || t.description().isBlank() ? "Resale authorization: " + t.name().strip()
        : t.description().strip();
    return d.substring(0, Math.min(255, d.length()));
  }

  private static ObjectNode pricing(ResaleTerms t, List<ResaleTerms.WholesaleDimension> prices) {
    ObjectNode pricing = F.objectNode().put("PricingModel", "Contract");
    ArrayNode terms = pricing.putArray("Terms");
    String duration = "P" + t.pricing().durationMonths() + "M";
    if (!t.installments().isEmpty()) {
      // An installment plan: the buyer pays the schedule for fixed quantities, one of each dimension priced.
      BigDecimal total = t.installments().stream().map(ResaleTerms.Installment::amount)
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      ObjectNode term = terms.addObject().put("Type", "ResaleFixedUpfrontPricingTerm")
          .put("CurrencyCode", t.currency()).put("Price", total.toPlainString()).put("Duration", duration);
      ArrayNode grants = term.putArray("Grants");
      prices.forEach(p -> grants.addObject().put("DimensionKey", p.key()).put("MaxQuantity", 1));
      return pricing;
    }
    ObjectNode card = terms.addObject().put("Type", "ResaleConfigurableUpfrontPricingTerm")
        .put("CurrencyCode", t.currency()).putArray("RateCards").addObject();
    card.putObject("Selector").put("Type", "Duration").put("Value", duration);
    ArrayNode rates = card.putArray("RateCard");
    prices.forEach(p -> rates.addObject().put("DimensionKey", p.key()).put("Price", p.wholesalePrice().toPlainString()));
    card.putObject("Constraints").put("MultipleDimensionSelection", "Allowed").put("QuantityConfiguration", "Allowed");
    return pricing;
  }

  private static ObjectNode legal(ResaleTerms t) {
    ObjectNode legal = F.objectNode();
    ArrayNode terms = legal.putArray("Terms");
    document(terms.addObject().put("Type", "BuyerLegalTerm").putArray("Documents").addObject(), t.eula(),
        "CustomEula", "StandardEula");
    if (t.resellerContract() != null) {
      document(terms.addObject().put("Type", "ResaleLegalTerm").putArray("Documents").addObject(),
          t.resellerContract(), "CustomResellerContract", "StandardResellerContract");
    }
    return legal;
  }

  private static void document(ObjectNode document, ResaleTerms.LegalDocument d, String custom, String standard) {
    if (d.type() == ResaleTerms.DocumentType.CUSTOM) {
      document.put("Type", custom).put("Url", d.url());
    } else {
      document.put("Type", standard).put("Version", STANDARD_EULA_VERSION);
    }
  }

  private static Change change(String type, String identifier, String name, ObjectNode details) {
    try {
      return new Change(type, TYPE, identifier, name, JSON.writeValueAsString(details));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
