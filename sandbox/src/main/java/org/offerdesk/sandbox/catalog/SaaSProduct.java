package org.offerdesk.sandbox.catalog;

import java.util.List;

/** A SaaS product of a seller, with its contract dimensions and the URL buyers are sent to after subscribing. */
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

  boolean hasDimension(String key) {
    return dimensions.stream().anyMatch(d -> d.key().equals(key));
  }
}
