package org.offerdesk.app.marketplace;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A resale authorization as a reseller sees it: which manufacturer lets it resell which product, at what
 * wholesale price per dimension, to which buyers (none named: any buyer), how many offers may be made on it
 * and until when.
 *
 * @param status the marketplace's status: {@code Active}, {@code Restricted} (deactivated by the
 *     manufacturer) or {@code Draft}
 * @param pricingModel {@code Contract} or {@code Usage}
 * @param duration the contract duration as ISO-8601 (such as {@code P12M}), or null for usage pricing
 * @param availabilityEndDate the last day offers may be made on it, or null without end
 * @param offersMaxQuantity how many offers it allows (1 for single use), or null for any number
 * @param offersCreated how many offers were made on it so far
 */
public record SharedAuthorization(String id, String name, String description, String productId,
    String productName, String manufacturerAccountId, String manufacturerName, String status, String pricingModel,
    String currency, String duration, List<WholesalePrice> prices, List<String> buyerAccountIds,
    LocalDate availabilityEndDate, Integer offersMaxQuantity, int offersCreated) {

  public SharedAuthorization {
    prices = prices == null ? List.of() : List.copyOf(prices);
    buyerAccountIds = buyerAccountIds == null ? List.of() : List.copyOf(buyerAccountIds);
  }

  /** The manufacturer's price to the reseller for one unit of a dimension, for the contract's duration. */
  public record WholesalePrice(String dimensionKey, String dimensionName, BigDecimal price) {}

  /** How many more offers it allows; empty when there is no limit. */
  public Optional<Integer> usesLeft() {
    return offersMaxQuantity == null ? Optional.empty()
        : Optional.of(Math.max(0, offersMaxQuantity - offersCreated));
  }

  public boolean expiredOn(LocalDate today) {
    return availabilityEndDate != null && availabilityEndDate.isBefore(today);
  }

  public boolean active() {
    return "Active".equals(status);
  }

  /** Whether a buyer may be offered this authorization's product: it names no buyers, or this one. */
  public boolean allowsBuyer(String accountId) {
    return buyerAccountIds.isEmpty() || buyerAccountIds.contains(accountId);
  }
}
