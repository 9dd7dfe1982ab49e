package org.offerdesk.app.partners.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.offerdesk.app.marketplace.SharedAuthorization;
import org.offerdesk.app.money.MoneyFormat;

/**
 * An opportunity as the API writes it. Amounts are decimal strings beside their {@code currency}; an empty
 * {@code buyerAccountIds} means any buyer; a null {@code usesLeft} means no limit.
 */
record OpportunityView(String resaleAuthorizationId, String name, String description, Party isv, Product product,
    Opportunity.State state, String marketplaceStatus, String pricingModel, String currency, String duration,
    List<Price> wholesalePrices, List<String> buyerAccountIds, LocalDate expiresOn, Integer offersAllowed,
    int offersCreated, Integer usesLeft, Instant receivedAt, Instant syncedAt) {

  record Party(String accountId, String name) {}

  record Product(String id, String name) {}

  /** The wholesale price of one unit of a dimension for the contract's duration (no key: the whole contract). */
  record Price(String dimensionKey, String dimensionName, String wholesalePrice) {}

  static OpportunityView of(Opportunity o, LocalDate today) {
    SharedAuthorization a = o.authorization();
    return new OpportunityView(a.id(), a.name(), a.description(),
        new Party(a.manufacturerAccountId(), a.manufacturerName()), new Product(a.productId(), a.productName()),
        o.state(today), a.status(), a.pricingModel(), a.currency(), a.duration(),
        a.prices().stream().map(p -> new Price(p.dimensionKey(), p.dimensionName(),
            MoneyFormat.decimal(MoneyFormat.of(p.price(), a.currency())))).toList(),
        a.buyerAccountIds(), a.availabilityEndDate(), a.offersMaxQuantity(), a.offersCreated(),
        a.usesLeft().orElse(null), o.receivedAt(), o.syncedAt());
  }
}
