package org.offerdesk.app.orders.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.orders.OrderKind;
import org.offerdesk.app.orders.OrderStatus;

/**
 * OfferDesk's record of one agreement from the seller's (or reseller's) side. Its total contract value is
 * Money (null when the agreement states no currency); {@link #currency()} reads it.
 */
record Order(
    UUID id,
    UUID organizationId,
    OrderKind kind,
    OrderStatus status,
    String agreementId,
    String marketplaceOfferId,
    UUID offerId,
    String productId,
    String productCode,
    String buyerAccountId,
    String proposerAccountId,
    String resaleAuthorizationId,
    UUID replacesOrderId,
    UUID replacedByOrderId,
    Money totalContractValue,
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
    Instant updatedAt) {

  Order {
    flags = flags == null ? List.of() : List.copyOf(flags);
  }

  /** The order's deadline flag for unregistered public orders. */
  static final String CANCEL_AND_REFUND_ADVISED = "CANCEL_AND_REFUND_ADVISED";

  /** The currency the buyer pays in; null when the agreement did not say. */
  String currency() {
    return totalContractValue == null ? null : totalContractValue.currency().getCurrencyCode();
  }

  Order withStatus(OrderStatus next, Instant at) {
    return new Order(id, organizationId, kind, next, agreementId, marketplaceOfferId, offerId, productId, productCode,
        buyerAccountId, proposerAccountId, resaleAuthorizationId, replacesOrderId, replacedByOrderId,
        totalContractValue, terms, acceptedAt, startsAt, endsAt, registration, registrationDeadline, flags,
        next == OrderStatus.PROVISIONED ? at : provisionedAt, next.isClosed() ? at : closedAt, version, createdAt, at);
  }

  Order registered(Registration r, Instant at) {
    OrderStatus next = status == OrderStatus.PENDING_REGISTRATION ? OrderStatus.REGISTERED : status;
    return new Order(id, organizationId, kind, next, agreementId, marketplaceOfferId, offerId, productId, productCode,
        buyerAccountId, proposerAccountId, resaleAuthorizationId, replacesOrderId, replacedByOrderId,
        totalContractValue, terms, acceptedAt, startsAt, endsAt, r, registrationDeadline,
        flags.stream().filter(f -> !f.equals(CANCEL_AND_REFUND_ADVISED)).toList(), provisionedAt, closedAt, version,
        createdAt, at);
  }

  Order flagged(String flag, Instant at) {
    List<String> more = new java.util.ArrayList<>(flags);
    if (!more.contains(flag)) {
      more.add(flag);
    }
    return new Order(id, organizationId, kind, status, agreementId, marketplaceOfferId, offerId, productId,
        productCode, buyerAccountId, proposerAccountId, resaleAuthorizationId, replacesOrderId, replacedByOrderId,
        totalContractValue, terms, acceptedAt, startsAt, endsAt, registration, registrationDeadline, more,
        provisionedAt, closedAt, version, createdAt, at);
  }

  Order replacedBy(UUID newer, Instant at) {
    return new Order(id, organizationId, kind, status, agreementId, marketplaceOfferId, offerId, productId,
        productCode, buyerAccountId, proposerAccountId, resaleAuthorizationId, replacesOrderId, newer,
        totalContractValue, terms, acceptedAt, startsAt, endsAt, registration, registrationDeadline, flags,
        provisionedAt, closedAt, version, createdAt, at);
  }
}
