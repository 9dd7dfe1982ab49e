package org.offerdesk.app.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;
import java.util.UUID;

/**
 * The money of one order, provided by the module that keeps the ledger (finance implements it; orders only
 * shows it, so orders does not depend on finance). Amounts are decimal strings in {@code currency}.
 */
public interface OrderMoney {

  /** The order's money, if the ledger knows its currency (from the order or from its invoices). */
  Optional<Summary> of(UUID organizationId, OrderDirectory.OrderRef order);

  /**
   * What the order is worth and where that money is. On a channel deal the ISV's {@code invoiced} is its
   * wholesale revenue; a reseller's is the buyer's price, with its {@code wholesaleCost} and {@code margin}
   * (the price less refunds, wholesale cost and fees), both absent for anyone else.
   */
  record Summary(String contractValue, String invoiced, String listingFees, String refunded, String collected,
      String disbursed, String outstanding, String scheduled, String currency,
      @JsonInclude(JsonInclude.Include.NON_NULL) String wholesaleCost,
      @JsonInclude(JsonInclude.Include.NON_NULL) String margin) {}
}
