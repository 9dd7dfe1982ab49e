package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.offers.ResellerDeal;
import org.offerdesk.app.orders.OrderKind;
import org.offerdesk.app.orders.OrderMoney;
import org.offerdesk.app.orders.OrderStatus;

/** An order as the API, the webhooks and the pages show it: amounts as decimal strings beside {@code currency}. */
record OrderView(
    UUID id,
    OrderKind kind,
    OrderStatus status,
    String agreementId,
    UUID offerId,
    String marketplaceOfferId,
    String productId,
    String productCode,
    String buyerAccountId,
    String proposerAccountId,
    String resaleAuthorizationId,
    UUID replacesOrderId,
    UUID replacedByOrderId,
    String currency,
    String totalContractValue,
    AcceptedTerms terms,
    Instant acceptedAt,
    Instant startsAt,
    Instant endsAt,
    Registration registration,
    Instant registrationDeadline,
    List<String> flags,
    Instant provisionedAt,
    Instant closedAt,
    int version,
    Instant createdAt,
    Instant updatedAt,
    List<OrderStore.TimelineEntry> timeline,
    @JsonInclude(JsonInclude.Include.NON_NULL) OrderMoney.Summary money,
    @JsonInclude(JsonInclude.Include.NON_NULL) Deal resellerDeal) {

  /** A reseller's deal on its partner order: the markup, then amounts in the order's currency. */
  record Deal(String markupPercent, String currency, String wholesaleCost, String buyerPrice, String margin) {
    static Deal of(ResellerDeal d) {
      return d == null ? null : new Deal(d.markupPercent().toPlainString(), d.margin().currency().getCurrencyCode(),
          MoneyFormat.decimal(d.wholesaleCost()), MoneyFormat.decimal(d.buyerPrice()), MoneyFormat.decimal(d.margin()));
    }
  }


  static OrderView of(Order o, List<OrderStore.TimelineEntry> timeline) {
    return new OrderView(o.id(), o.kind(), o.status(), o.agreementId(), o.offerId(), o.marketplaceOfferId(),
        o.productId(), o.productCode(), o.buyerAccountId(), o.proposerAccountId(), o.resaleAuthorizationId(),
        o.replacesOrderId(), o.replacedByOrderId(), o.currency(), MoneyFormat.decimal(o.totalContractValue()), o.terms(), o.acceptedAt(),
        o.startsAt(), o.endsAt(), o.registration(), o.registrationDeadline(), o.flags(), o.provisionedAt(),
        o.closedAt(), o.version(), o.createdAt(), o.updatedAt(), timeline, null, null);
  }

  /** The view with the order's money from the ledger (the single-order API shows it). */
  OrderView withMoney(OrderMoney.Summary summary) {
    return new OrderView(id, kind, status, agreementId, offerId, marketplaceOfferId, productId, productCode,
        buyerAccountId, proposerAccountId, resaleAuthorizationId, replacesOrderId, replacedByOrderId, currency,
        totalContractValue, terms, acceptedAt, startsAt, endsAt, registration, registrationDeadline, flags,
        provisionedAt, closedAt, version, createdAt, updatedAt, timeline, summary, resellerDeal);
  }

  /** The view with the reseller's deal on its partner order (what it owes the ISV, what the buyer pays, its margin). */
  OrderView withResellerDeal(ResellerDeal deal) {
    return new OrderView(id, kind, status, agreementId, offerId, marketplaceOfferId, productId, productCode,
        buyerAccountId, proposerAccountId, resaleAuthorizationId, replacesOrderId, replacedByOrderId, currency,
        totalContractValue, terms, acceptedAt, startsAt, endsAt, registration, registrationDeadline, flags,
        provisionedAt, closedAt, version, createdAt, updatedAt, timeline, money, Deal.of(deal));
  }
}
