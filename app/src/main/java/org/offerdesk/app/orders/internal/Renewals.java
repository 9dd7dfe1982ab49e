package org.offerdesk.app.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferSummary;
import org.offerdesk.app.offers.Offers;
import org.offerdesk.app.offers.RenewalBasis;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.orders.RenewalStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person and the order flow do to renewals: follow an ending order, draft its renewal offer, record a
 * customer who leaves (with a reason, in the audit log), and link the order that renews it. The alerts and
 * lapses over time are {@link RenewalSweep}'s.
 */
@Service
class Renewals {

  private final RenewalStore renewals;
  private final OrderStore orders;
  private final Offers offers;
  private final AuditLog audit;
  private final Clock clock;

  Renewals(RenewalStore renewals, OrderStore orders, Offers offers, AuditLog audit, Clock clock) {
    this.renewals = renewals;
    this.orders = orders;
    this.offers = offers;
    this.audit = audit;
    this.clock = clock;
  }

  /** The order's renewal, followed from now on if it was not yet (empty for an order with no end date). */
  Optional<Renewal> follow(Order order) {
    Optional<Renewal> known = renewals.find(order.organizationId(), order.id());
    if (known.isPresent() || order.endsAt() == null) {
      return known;
    }
    Instant now = clock.instant();
    String owner = order.offerId() == null ? null
        : offers.find(order.organizationId(), order.offerId()).map(OfferSummary::owner).orElse(null);
    renewals.insert(new Renewal(order.id(), order.organizationId(), order.agreementId(), order.buyerAccountId(),
        order.productId(), order.endsAt(), order.totalContractValue(), owner, RenewalStatus.UPCOMING, null, null, null,
        0, now, now));
    return renewals.find(order.organizationId(), order.id());
  }

  /** "Renew": a renewal offer drafted from the order's agreement, which the renewal then waits on. */
  @Transactional
  OfferSummary draftOffer(Caller caller, UUID orderId) {
    Order order = order(caller, orderId);
    if (order.status() == OrderStatus.CANCELLED || order.replacedByOrderId() != null) {
      throw new Conflict("Order " + orderId + " is " + (order.status() == OrderStatus.CANCELLED ? "cancelled"
          : "replaced by an amendment") + ": there is no agreement left to renew");
    }
    Renewal renewal = follow(order).orElseThrow(() -> new InvalidInput("endsAt",
        "the agreement has no end date: there is nothing to renew"));
    if (renewal.status() == RenewalStatus.RENEWED) {
      throw new Conflict("Order " + orderId + " was already renewed by order " + renewal.renewedByOrderId());
    }
    OfferSummary draft = offers.draftRenewal(caller, basis(order));
    Instant now = clock.instant();
    if (!renewals.update(renewal.withOffer(draft.id(), now))) {
      throw new Conflict("The renewal changed at the same time; try again");
    }
    orders.record(order, order.status(), "renewal offer drafted", draft.name() + " (" + draft.id() + ")",
        caller.describe(), now, null);
    return draft;
  }

  /** The order's terms as a renewal starts from them. */
  private static RenewalBasis basis(Order order) {
    AcceptedTerms t = order.terms();
    List<RenewalBasis.Line> lines = new ArrayList<>();
    if (t != null) {
      for (AcceptedTerms.Quantity q : t.dimensions()) {
        lines.add(new RenewalBasis.Line(q.key(), q.quantity(), t.rates().stream()
            .filter(r -> !r.usage() && r.key().equals(q.key())).map(AcceptedTerms.Rate::price).findFirst()
            .orElse(null)));
      }
    }
    return new RenewalBasis(order.agreementId(), order.offerId(), order.productId(), order.buyerAccountId(),
        order.currency(), lines, day(order.startsAt()), firstDayAfter(order.endsAt()));
  }

  /**
   * The first whole day after an agreement's end: a renewal starts then, so that the marketplace never sees
   * two agreements of one buyer for one product at the same time (an end at midnight frees that very day).
   */
  static LocalDate firstDayAfter(Instant end) {
    return end == null ? null : day(end.minusNanos(1)).plusDays(1);
  }

  /** A person records that the customer will not renew, and why; in the order's timeline and the audit log. */
  @Transactional
  Renewal churn(Caller caller, UUID orderId, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidInput("reason", "is required: say why the customer is not renewing");
    }
    if (reason.strip().length() > 500) {
      throw new InvalidInput("reason", "must be at most 500 characters");
    }
    Order order = order(caller, orderId);
    Renewal renewal = follow(order).orElseThrow(() -> new Conflict("Order " + orderId
        + " has no end date: there is no renewal to give up"));
    if (renewal.status() == RenewalStatus.CHURNED) {
      return renewal;
    }
    if (!renewal.status().canMoveTo(RenewalStatus.CHURNED)) {
      throw new Conflict("A renewal that is " + renewal.status() + " cannot be marked churned");
    }
    Instant now = clock.instant();
    Renewal churned = renewal.moved(RenewalStatus.CHURNED, reason.strip(), now);
    if (!renewals.update(churned)) {
      throw new Conflict("The renewal changed at the same time; try again");
    }
    orders.record(order, order.status(), "marked churned", reason.strip(), caller.describe(), now, null);
    audit.record(caller, "renewal.churned", "order " + orderId, "agreement " + order.agreementId() + ": "
        + reason.strip());
    return renewals.find(caller.organizationId(), orderId).orElseThrow();
  }

  /**
   * In the transaction that creates an order: when its offer renews an agreement, the order of that agreement
   * is RENEWED and links to the new one.
   */
  void linkRenewal(Order newer, OfferSummary offer) {
    if (!offer.renewal() || offer.renewsAgreementId() == null) {
      return;
    }
    orders.byAgreement(newer.organizationId(), offer.renewsAgreementId()).flatMap(this::follow).ifPresent(old -> {
      if (old.status() == RenewalStatus.RENEWED) {
        return;
      }
      Instant now = clock.instant();
      if (!renewals.update(old.renewedBy(newer.id(), now))) {
        throw new IllegalStateException("Renewal " + old.id() + " changed while it was renewed");
      }
      Order before = orders.find(old.organizationId(), old.id()).orElseThrow();
      orders.record(before, before.status(), "renewed", "by order " + newer.id() + ", agreement "
          + newer.agreementId(), "marketplace", now, "order:" + old.id() + ":renewed");
      orders.record(newer, newer.status(), "renews an earlier order", "order " + old.id() + ", agreement "
          + old.agreementId(), "marketplace", now, "order:" + newer.id() + ":renews");
    });
  }

  /**
   * Keeps a renewal's status in step with its renewal offer: live on the marketplace is OFFER_SENT; expired
   * or withdrawn unanswered falls back to UPCOMING (or LAPSED once the agreement has ended).
   */
  @Transactional
  void followOffer(Renewal r) {
    Optional<OfferStage> stage = offers.find(r.organizationId(), r.renewalOfferId()).map(OfferSummary::stage);
    if (stage.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    RenewalStatus next = r.status();
    if (stage.get().isOpen()) {
      next = RenewalStatus.OFFER_SENT;
    } else if (stage.get().isFinal() && r.status() == RenewalStatus.OFFER_SENT) {
      next = r.endsAt().isAfter(now) ? RenewalStatus.UPCOMING : RenewalStatus.LAPSED;
    }
    if (next != r.status() && r.status().canMoveTo(next) && !renewals.update(r.moved(next, null, now))) {
      throw new IllegalStateException("Renewal " + r.id() + " changed at the same time");
    }
  }

  Optional<Renewal> find(UUID organizationId, UUID orderId) {
    return renewals.find(organizationId, orderId);
  }

  /** The renewal (of an earlier order) that this order renewed, if any. */
  Optional<Renewal> renewedBy(UUID organizationId, UUID orderId) {
    return renewals.renewedBy(organizationId, orderId);
  }

  private Order order(Caller caller, UUID orderId) {
    return orders.find(caller.organizationId(), orderId).orElseThrow(() -> new NotFound("Order " + orderId));
  }

  static LocalDate day(Instant at) {
    return at == null ? null : LocalDate.ofInstant(at, ZoneOffset.UTC);
  }
}
