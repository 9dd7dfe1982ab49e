package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SaaS product of a seller, with its dimensions, its list prices (the terms of its public offer, which
 * buyers subscribe to) and the URL buyers are sent to after subscribing.
 */
public final class SaaSProduct extends CatalogEntity {

  /** Product visibility as AWS names it; offers can only be made on Limited or Public products. */
  public enum Visibility {
    Draft,
    Limited,
    Public,
    Restricted;

    boolean acceptsOffers() {
      return this == Limited || this == Public;
    }
  }

  String title;
  String productCode;
  String shortDescription;
  Visibility visibility;
  String fulfillmentUrl;
  List<Dimension> dimensions;
  /** List price per dimension: per 12 months for entitled dimensions, per unit for metered ones. */
  Map<String, String> listPrices = new LinkedHashMap<>();

  /** How long a public subscription runs, and the EULA it is under. */
  public static final String PUBLIC_DURATION = "P12M";
  public static final String STANDARD_EULA_VERSION = "2022-07-14";
  private static final ObjectMapper JSON = new ObjectMapper();

  SaaSProduct() {}

  SaaSProduct(String id, String ownerAccountId, String title, String productCode, String shortDescription,
      Visibility visibility, String fulfillmentUrl, List<Dimension> dimensions) {
    this.id = id;
    this.ownerAccountId = ownerAccountId;
    this.title = title;
    this.productCode = productCode;
    this.shortDescription = shortDescription;
    this.visibility = visibility;
    this.fulfillmentUrl = fulfillmentUrl;
    this.dimensions = List.copyOf(dimensions);
  }

  @Override
  public EntityType type() {
    return EntityType.SAAS_PRODUCT;
  }

  @Override
  public String name() {
    return title;
  }

  @Override
  String sharedWithAccountId() {
    return null;
  }

  public String title() {
    return title;
  }

  public String productCode() {
    return productCode;
  }

  public Visibility visibility() {
    return visibility;
  }

  public String fulfillmentUrl() {
    return fulfillmentUrl;
  }

  public List<Dimension> dimensions() {
    return dimensions;
  }

  public Map<String, String> listPrices() {
    return listPrices == null ? Map.of() : Map.copyOf(listPrices);
  }

  /** The product's public offer, which buyers subscribe to at list price: one per product. */
  public String publicOfferId() {
    return "offer-" + id.substring("prod-".length());
  }

  public boolean isPublic() {
    return visibility == Visibility.Public;
  }

  public boolean isMetered(String dimensionKey) {
    return dimensions.stream().anyMatch(d -> d.key().equals(dimensionKey) && d.types().contains("Metered"));
  }

  /**
   * The public offer's terms in AWS's offer documents: list prices for 12 months of the entitled
   * dimensions, per-unit prices of the metered ones, the standard EULA, a 12-month validity.
   */
  public List<JsonNode> publicOfferTerms() {
    List<JsonNode> terms = new ArrayList<>();
    ObjectNode upfront = JSON.createObjectNode().put("Type", "ConfigurableUpfrontPricingTerm").put("CurrencyCode", "USD");
    ObjectNode card = upfront.putArray("RateCards").addObject();
    card.putObject("Selector").put("Type", "Duration").put("Value", PUBLIC_DURATION);
    ArrayNode upfrontRates = card.putArray("RateCard");
    card.putObject("Constraints").put("MultipleDimensionSelection", "Allowed").put("QuantityConfiguration", "Allowed");
    ObjectNode usage = JSON.createObjectNode().put("Type", "UsageBasedPricingTerm").put("CurrencyCode", "USD");
    ArrayNode usageRates = usage.putArray("RateCards").addObject().putArray("RateCard");
    listPrices().forEach((key, price) -> (isMetered(key) ? usageRates : upfrontRates).addObject()
        .put("DimensionKey", key).put("Price", price));
    if (!upfrontRates.isEmpty()) {
      terms.add(upfront);
    }
    if (!usageRates.isEmpty()) {
      terms.add(usage);
    }
    ObjectNode legal = JSON.createObjectNode().put("Type", "LegalTerm");
    legal.putArray("Documents").addObject().put("Type", "StandardEula").put("Version", STANDARD_EULA_VERSION);
    terms.add(legal);
    terms.add(JSON.createObjectNode().put("Type", "ValidityTerm").put("AgreementDuration", PUBLIC_DURATION));
    return terms;
  }

  boolean hasDimension(String key) {
    return dimensions.stream().anyMatch(d -> d.key().equals(key));
  }
}
