package org.offerdesk.sandbox.catalog;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.accounts.DemoAccounts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * SaaS products of sellers. Listing products is outside the Catalog API part the sandbox implements, so
 * products come from here: the demo seller's two seeded products, and those added through
 * {@code POST /sandbox/accounts/{id}/products}.
 */
@Component
public class Products {

  /** The demo seller's product in limited preview. */
  public static final String DEMO_LIMITED = "prod-sbxlimited001";
  /** The demo seller's public product. */
  public static final String DEMO_PUBLIC = "prod-sbxpublic0001";

  static final List<Dimension> CONTRACT_DIMENSIONS = List.of(
      new Dimension("Seats", "Seats", "Named user seats", "Users", List.of("Entitled")),
      new Dimension("BasicTier", "Basic tier", "Basic edition for a team", "Units", List.of("Entitled")),
      new Dimension("PremiumTier", "Premium tier", "Premium edition with SSO and audit logs", "Units", List.of("Entitled")),
      new Dimension("ApiCalls", "API calls", "Calls to the product's API, metered per call", "Requests", List.of("Metered")));

  /**
   * List prices of every seeded or added product, in USD: per 12 months for the entitled dimensions, per
   * call for the metered one. They are the terms of the product's public offer.
   */
  static final Map<String, String> LIST_PRICES = listPrices();

  private static Map<String, String> listPrices() {
    Map<String, String> prices = new LinkedHashMap<>();
    prices.put("Seats", "120.00");
    prices.put("BasicTier", "1200.00");
    prices.put("PremiumTier", "4800.00");
    prices.put("ApiCalls", "0.01");
    return prices;
  }

  private final CatalogEntities entities;
  private final Accounts accounts;
  private final EntityIds ids;
  private final Clock clock;
  private final String fulfillmentUrl;

  Products(CatalogEntities entities, Accounts accounts, EntityIds ids, Clock clock,
      @Value("${offerdesk.sandbox.fulfillment-url:http://localhost:8080/marketplace/register}") String fulfillmentUrl) {
    this.entities = entities;
    this.accounts = accounts;
    this.ids = ids;
    this.clock = clock;
    this.fulfillmentUrl = fulfillmentUrl;
  }

  /** Seeds the demo seller's products, and points them at the configured fulfillment URL on every start. */
  @Transactional
  public void seedDemoProducts() {
    seed(new SaaSProduct(DEMO_LIMITED, DemoAccounts.SELLER, "OfferDesk Demo Analytics", "sbxlimited0000000000000001",
        "Analytics for private-offer pipelines (limited preview)", SaaSProduct.Visibility.Limited, fulfillmentUrl,
        CONTRACT_DIMENSIONS));
    seed(new SaaSProduct(DEMO_PUBLIC, DemoAccounts.SELLER, "OfferDesk Demo Platform", "sbxpublic00000000000000001",
        "The demo ISV's public SaaS platform", SaaSProduct.Visibility.Public, fulfillmentUrl, CONTRACT_DIMENSIONS));
  }

  private void seed(SaaSProduct product) {
    SaaSProduct stored = entities.find(product.id(), SaaSProduct.class).orElse(null);
    product.listPrices = new LinkedHashMap<>(LIST_PRICES);
    if (stored != null && fulfillmentUrl.equals(stored.fulfillmentUrl()) && LIST_PRICES.equals(stored.listPrices())
        && CONTRACT_DIMENSIONS.equals(stored.dimensions())) {
      return;
    }
    if (stored != null) {
      product.revision = stored.revision;
    }
    product.revision++;
    product.lastModified = clock.instant();
    entities.saveAll(List.of(product));
  }

  public Optional<SaaSProduct> find(String productId) {
    return entities.find(productId, SaaSProduct.class);
  }

  /** The product a product code belongs to (the code sellers meter and query entitlements with). */
  public Optional<SaaSProduct> byProductCode(String productCode) {
    return all().stream().filter(p -> p.productCode().equals(productCode)).findFirst();
  }

  public List<SaaSProduct> all() {
    return entities.all(EntityType.SAAS_PRODUCT).stream().map(SaaSProduct.class::cast).toList();
  }

  /**
   * Adds a SaaS product with the standard dimensions and list prices to a seller; it fulfils to the given
   * URL, or to the configured one.
   */
  @Transactional
  public SaaSProduct add(String sellerAccountId, String title, SaaSProduct.Visibility visibility, String fulfillmentUrl) {
    Account seller = accounts.find(sellerAccountId)
        .orElseThrow(() -> new IllegalArgumentException("Account " + sellerAccountId + " does not exist"));
    if (!seller.isSeller()) {
      throw new IllegalArgumentException("Account " + sellerAccountId + " is not a seller");
    }
    if (title == null || title.isBlank() || title.length() > 255) {
      throw new IllegalArgumentException("A product needs a title of 1 to 255 characters");
    }
    String id = ids.newEntityId(EntityType.SAAS_PRODUCT);
    String code = (id.substring("prod-".length()) + "000000000000").toLowerCase(Locale.ROOT);
    SaaSProduct product = new SaaSProduct(id, sellerAccountId, title, code, title,
        visibility == null ? SaaSProduct.Visibility.Limited : visibility,
        fulfillmentUrl == null || fulfillmentUrl.isBlank() ? this.fulfillmentUrl : checkedUrl(fulfillmentUrl), CONTRACT_DIMENSIONS);
    product.listPrices = new LinkedHashMap<>(LIST_PRICES);
    product.revision = 1;
    product.lastModified = clock.instant();
    entities.saveAll(List.of(product));
    return product;
  }

  private static String checkedUrl(String url) {
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException("A fulfillment URL is an http or https URL, not '" + url + "'");
    }
    return url;
  }
}
