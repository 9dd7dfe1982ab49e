package org.offerdesk.app.orders.internal;

import org.offerdesk.app.money.MoneyFormat;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.orders.OrderKind;
import org.offerdesk.app.orders.OrderStatus;

/** What the orders pages show besides the pages themselves: the table's row, status colours, flag names. */
final class OrderPageModels {

  private OrderPageModels() {}

  /** Bootstrap colours of the status badges: waiting in amber, done in green, closed in grey. */
  static final Map<OrderStatus, String> STATUS_STYLES = new EnumMap<>(Map.of(
      OrderStatus.PENDING_REGISTRATION, "text-bg-warning",
      OrderStatus.REGISTERED, "text-bg-primary",
      OrderStatus.PROVISIONED, "text-bg-success",
      OrderStatus.CANCELLED, "text-bg-dark",
      OrderStatus.ENDED, "text-bg-secondary"));

  /** What the flags an order can carry are called on the page. */
  static final Map<String, String> FLAG_LABELS = Map.of(Order.CANCEL_AND_REFUND_ADVISED, "Cancel and refund advised");

  /** One line of the orders table. */
  record OrderRow(UUID id, OrderKind kind, OrderStatus status, String buyerAccountId, String company,
      String product, String total, String currency, Instant acceptedAt, List<String> flags,
      Instant registrationDeadline, String margin) {

    static OrderRow of(Order o, Map<String, String> titles) {
      return new OrderRow(o.id(), o.kind(), o.status(), o.buyerAccountId(),
          o.registration() == null ? null : o.registration().company(),
          o.productId() == null ? null : titles.getOrDefault(o.productId(), o.productId()),
          MoneyFormat.amount(o.totalContractValue()), o.currency(), o.acceptedAt(),
          o.flags(), o.registrationDeadline(), null);
    }

    /** The row with the reseller's margin on the deal, when it has one. */
    OrderRow withMargin(org.offerdesk.app.offers.ResellerDeal deal) {
      return deal == null ? this : new OrderRow(id, kind, status, buyerAccountId, company, product, total, currency,
          acceptedAt, flags, registrationDeadline, MoneyFormat.display(deal.margin()));
    }
  }
}
