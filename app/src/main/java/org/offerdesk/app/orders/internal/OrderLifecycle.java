package org.offerdesk.app.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.marketplace.MarketplaceBuyers;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.offerdesk.app.offers.Offers;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.webhooks.Webhooks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** What happens to an order after registration: provisioning, entitlement changes, and its end. */
@Service
class OrderLifecycle {

  /** One entitlement as the seller's systems see it. */
  record EntitlementView(String dimension, String value, Instant expiresAt) {}

  private final OrderStore orders;
  private final Offers offers;
  private final Webhooks webhooks;
  private final TeamNotifications team;
  private final MarketplaceBuyers buyers;
  private final AuditLog audit;
  private final Clock clock;
  private final org.offerdesk.app.jobs.Jobs jobs;
  private final TransactionTemplate tx;

  OrderLifecycle(OrderStore orders, Offers offers, Webhooks webhooks, TeamNotifications team, MarketplaceBuyers buyers,
      AuditLog audit, Clock clock, org.offerdesk.app.jobs.Jobs jobs, TransactionTemplate tx) {
    this.jobs = jobs;
    this.tx = tx;
    this.orders = orders;
    this.offers = offers;
    this.webhooks = webhooks;
    this.team = team;
    this.buyers = buyers;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  Order provisioned(Caller caller, UUID orderId) {
    Order order = orders.find(caller.organizationId(), orderId)
        .orElseThrow(() -> new NotFound("Order " + orderId));
    if (order.status() == OrderStatus.PROVISIONED) {
      return order;
    }
    if (!order.status().canMoveTo(OrderStatus.PROVISIONED)) {
      throw new Conflict("An order that is " + order.status() + " cannot be provisioned"
          + (order.status() == OrderStatus.PENDING_REGISTRATION ? "; register the buyer first" : ""));
    }
    Instant now = clock.instant();
    Order provisioned = order.withStatus(OrderStatus.PROVISIONED, now);
    if (!orders.update(provisioned)) {
      throw new Conflict("The order changed at the same time; try again");
    }
    orders.record(provisioned, OrderStatus.PROVISIONED, "provisioned", null, caller.describe(), now,
        "order:" + orderId + ":provisioned");
    if (order.offerId() != null) {
      offers.provisioned(order.organizationId(), order.offerId(), "order " + orderId);
    }
    webhooks.publish(order.organizationId(), "order.provisioned", "order.provisioned:" + orderId,
        OrderView.of(provisioned, List.of()));
    audit.record(caller, "order.provisioned", "order " + orderId, order.agreementId());
    return provisioned;
  }

  /**
   * The agreement ended: cancelled or terminated early → CANCELLED; expired or replaced → ENDED. False
   * when OfferDesk has no order for the agreement (yet), so that an event can wait for it.
   */
  boolean agreementEnded(UUID org, String agreementId, String agreementStatus) {
    return Boolean.TRUE.equals(tx.execute(s -> ended(org, agreementId, agreementStatus)));
  }

  private boolean ended(UUID org, String agreementId, String agreementStatus) {
    Optional<Order> found = orders.byAgreement(org, agreementId);
    found.ifPresent(order -> {
      OrderStatus next = "CANCELLED".equals(agreementStatus) || "TERMINATED".equals(agreementStatus)
          ? OrderStatus.CANCELLED : OrderStatus.ENDED;
      if (!order.status().canMoveTo(next)) {
        return; // already closed, e.g. ENDED when its amendment replaced it
      }
      Instant now = clock.instant();
      Order closed = order.withStatus(next, now);
      if (!orders.update(closed)) {
        throw new IllegalStateException("Order " + order.id() + " changed while it ended");
      }
      orders.record(closed, next, next == OrderStatus.CANCELLED ? "agreement cancelled" : "agreement ended",
          "agreement " + agreementId + " is " + agreementStatus, "marketplace", now,
          "order:" + order.id() + ":" + next.name());
      NotificationType type = next == OrderStatus.CANCELLED ? NotificationType.ORDER_CANCELLED
          : NotificationType.ORDER_ENDED;
      RegistrationJobs.stop(jobs, order.id());
      team.notify(new TeamNotice(org, type, order.buyerAccountId() + ", agreement " + agreementId, "Agreement " + agreementId + " is " + agreementStatus + ".",
          "/orders/" + order.id(), Map.of("Agreement", agreementId, "Buyer AWS account", order.buyerAccountId()),
          "order-closed:" + order.id()));
      webhooks.publish(org, next == OrderStatus.CANCELLED ? "order.cancelled" : "order.ended",
          "order." + next.name().toLowerCase() + ":" + order.id(),
          Map.of("orderId", order.id(), "agreementId", agreementId, "reason", agreementStatus));
    });
    return found.isPresent();
  }

  /**
   * License Updated: reads the buyer's entitlements and passes a change on to the seller's systems. The
   * marketplace is read outside any transaction; the change is recorded in a transaction of its own. False
   * when OfferDesk has no order for the agreement (yet), so that an event can wait for it.
   */
  boolean entitlementsChanged(UUID org, String agreementId) {
    Optional<Order> found = orders.byAgreement(org, agreementId);
    found.ifPresent(order -> entitlementsChanged(order));
    return found.isPresent();
  }

  /**
   * As {@link #entitlementsChanged(UUID, String)} for an order the caller has just read or made; true when a
   * change was recorded (the order's row changed).
   */
  boolean entitlementsChanged(Order order) {
    if (order.productCode() == null) {
      return false;
    }
    UUID org = order.organizationId();
    List<EntitlementView> current = new ArrayList<>();
    for (MarketplaceBuyers.Entitlement e : buyers.entitlements(org, order.productCode(), order.buyerAccountId())) {
      current.add(new EntitlementView(e.dimension(), e.value(), e.expiresAt()));
    }
    current.sort(java.util.Comparator.comparing(EntitlementView::dimension));
    return Boolean.TRUE.equals(tx.execute(s -> recordEntitlements(org, order.agreementId(), order, current)));
  }

  private boolean recordEntitlements(UUID org, String agreementId, Order order, List<EntitlementView> current) {
      if (orders.saveEntitlements(order.organizationId(), order.id(), current)) {
        Instant now = clock.instant();
        orders.record(order, order.status(), "entitlements updated", current.stream()
            .map(e -> e.dimension() + "=" + e.value()).reduce((a, b) -> a + ", " + b).orElse("none"), "marketplace",
            now, null);
        webhooks.publish(org, "order.entitlements_changed", "order.entitlements:" + order.id() + ":"
            + Integer.toHexString(current.hashCode()), Map.of("orderId", order.id(), "agreementId", agreementId,
            "productCode", order.productCode(), "buyerAccountId", order.buyerAccountId(), "entitlements", current));
        return true;
      }
      return false;
  }
}
