package org.offerdesk.app.offers.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.offerdesk.app.approvals.ApprovalDecided;
import org.offerdesk.app.approvals.ApprovalState;
import org.offerdesk.app.approvals.ApprovalStatus;
import org.offerdesk.app.approvals.ApprovalSubject;
import org.offerdesk.app.approvals.ApprovalSubject.Discount;
import org.offerdesk.app.approvals.Approvals;
import org.offerdesk.app.approvals.RuleKind;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.marketplace.MarketplaceCatalog;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ListPrices;
import org.offerdesk.app.money.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An offer before the approvals gate: the facts the organization's rules read (contract value, the discount
 * off the listing's list prices, EULA, installments, duration), submitting it for approval, sending an
 * approval back when an edit changes a field a rule reads, and the decisions on its timeline. The list prices
 * are read from the marketplace (the product's public offer) only when a discount rule exists, and always
 * before a transaction starts.
 */
@Service
class OfferApprovals {

  private static final Logger log = LoggerFactory.getLogger(OfferApprovals.class);

  /** The listing's list prices for the discount, or why they are unknown; {@link #NOT_NEEDED} without a discount rule. */
  record Pricing(ListPrices list, String unknownBecause, boolean needed) {
    static final Pricing NOT_NEEDED = new Pricing(null, null, false);
  }

  private final Approvals approvals;
  private final MarketplaceCatalog catalog;
  private final OfferStore offers;
  private final TransactionTemplate tx;
  private final Clock clock;

  OfferApprovals(Approvals approvals, MarketplaceCatalog catalog, OfferStore offers, TransactionTemplate tx,
      Clock clock) {
    this.approvals = approvals;
    this.catalog = catalog;
    this.offers = offers;
    this.tx = tx;
    this.clock = clock;
  }

  /** Reads the list prices the discount rule needs (a marketplace call: never inside a transaction). */
  Pricing pricing(UUID organizationId, OfferTerms terms) {
    if (!approvals.hasRule(organizationId, RuleKind.DISCOUNT_OVER_PERCENT)) {
      return Pricing.NOT_NEEDED;
    }
    if (terms.productId() == null) {
      return new Pricing(null, "the offer names no listing", true);
    }
    try {
      return catalog.listPrices(organizationId, terms.productId())
          .map(list -> new Pricing(list, null, true))
          .orElse(new Pricing(null, "the listing has no public offer with list prices", true));
    } catch (RuntimeException e) { // refused, unreachable or not connected: the discount is unknown
      log.info("List prices of {} not read for the discount rule: {}", terms.productId(), e.getMessage());
      return new Pricing(null, "the list prices could not be read from the marketplace (" + e.getMessage() + ")",
          true);
    }
  }

  /** In the publish transaction: refused (409 naming the rules) unless no rule applies or an approval covers it. */
  void requireApproval(Offer offer, Pricing pricing) {
    approvals.requireApproval(subject(offer, pricing));
  }

  /** The rules the offer triggers and its latest request, for its page and the API. */
  ApprovalState state(Offer offer) {
    return approvals.state(subject(offer, pricing(offer.organizationId(), offer.terms())));
  }

  /** Whether the caller may decide the offer's pending request (the offer page then offers approve and reject). */
  boolean canDecide(Caller caller, ApprovalState state) {
    return state != null && state.requestStatus() == ApprovalStatus.PENDING
        && approvals.canDecide(caller, state.requestId());
  }

  /** Submits a draft for approval and puts it on its timeline. */
  ApprovalState submit(Caller caller, Offer read) {
    Pricing pricing = pricing(caller.organizationId(), read.terms());
    return tx.execute(s -> {
      Offer offer = offers.find(caller.organizationId(), read.id()).orElseThrow();
      if (!offer.stage().isDraft()) {
        throw new Conflict("Only a draft is submitted for approval; this offer is " + offer.stage());
      }
      ApprovalState state = approvals.submit(caller, subject(offer, pricing));
      offers.record(offer, offer.stage(), "submitted for approval", state.triggered().stream()
          .map(t -> t.kind() + ": " + t.reason()).collect(Collectors.joining("; ")), caller.describe(),
          clock.instant(), null);
      return state;
    });
  }

  /** In an edit's transaction: an approval whose watched fields changed goes back, on the timeline. */
  void edited(Caller caller, Offer updated, Instant at) {
    approvals.edited(caller.describe(), subject(updated, Pricing.NOT_NEEDED)).ifPresent(fields ->
        offers.record(updated, updated.stage(), "approval needed again", "changed after it was submitted: "
            + fields, caller.describe(), at, null));
  }

  /** A decision, on the offer's timeline, in the decision's transaction. */
  @EventListener
  void decided(ApprovalDecided decided) {
    if (decided.subjectType() != ApprovalSubject.SubjectType.OFFER) {
      return;
    }
    offers.find(decided.organizationId(), decided.subjectId()).ifPresent(offer -> offers.record(offer,
        offer.stage(), decided.timelineCause(), decided.comment(), decided.approver(), clock.instant(), null));
  }

  ApprovalSubject subject(Offer offer, Pricing pricing) {
    OfferTerms t = offer.terms();
    Integer months = months(t);
    ApprovalSubject.Facts facts = new ApprovalSubject.Facts(t.contractTotal().orElse(null),
        pricing.needed() ? discount(t, months, pricing) : null, t.eula().type() == OfferTerms.EulaType.CUSTOM,
        t.paymentSchedule().size(), months, false);
    Map<String, String> watched = Map.of(
        ApprovalSubject.PRODUCT, String.valueOf(t.productId()),
        ApprovalSubject.PRICING, t.currency() + " " + t.pricingModel() + " " + t.dimensions().stream()
            .map(d -> d.key() + "x" + d.quantity() + "@" + plain(d.unitPrice())).collect(Collectors.joining(",")),
        ApprovalSubject.DURATION, t.durationMonths() + " " + t.serviceStartDate() + " " + t.serviceEndDate(),
        ApprovalSubject.SCHEDULE, t.paymentSchedule().stream().map(i -> i.dueOn() + "=" + plain(i.amount()))
            .collect(Collectors.joining(",")),
        ApprovalSubject.EULA, t.eula().type() + " " + t.eula().url());
    return new ApprovalSubject(offer.organizationId(), ApprovalSubject.SubjectType.OFFER, offer.id(),
        t.name() == null ? "offer " + offer.id() : t.name(), "/offers/" + offer.id(), offer.owner(), facts, watched);
  }

  /**
   * The discount off list for the offer's quantities and duration: contract dimensions at their list price
   * for the offer's months (list prices are for the public offer's duration), usage dimensions per unit.
   */
  static Discount discount(OfferTerms t, Integer months, Pricing pricing) {
    ListPrices list = pricing.list();
    if (list == null) {
      return Discount.unknown(pricing.unknownBecause());
    }
    Optional<Currency> currency = t.currencyUnit();
    if (currency.isEmpty() || !currency.get().getCurrencyCode().equals(list.currency())) {
      return Discount.unknown("the list prices are in " + list.currency() + ", the offer in " + t.currency());
    }
    if (t.pricingModel() == OfferTerms.PricingModel.CONTRACT && months == null) {
      return Discount.unknown("the offer states no duration");
    }
    BigDecimal listValue = BigDecimal.ZERO;
    BigDecimal offered = BigDecimal.ZERO;
    for (OfferTerms.PricedDimension d : t.dimensions()) {
      boolean contract = t.pricingModel() == OfferTerms.PricingModel.CONTRACT;
      BigDecimal listUnit = (contract ? list.upfront() : list.usage()).get(d.key());
      if (listUnit == null || d.unitPrice() == null || contract && d.quantity() == null) {
        return Discount.unknown("no list price or no offer price for " + d.key());
      }
      BigDecimal quantity = BigDecimal.valueOf(contract ? d.quantity() : 1);
      if (contract) {
        listUnit = listUnit.multiply(BigDecimal.valueOf(months)).divide(BigDecimal.valueOf(listMonths(list)), 6,
            RoundingMode.HALF_UP);
      }
      listValue = listValue.add(listUnit.multiply(quantity));
      offered = offered.add(d.unitPrice().multiply(quantity));
    }
    if (listValue.signum() == 0) {
      return new Discount(BigDecimal.ZERO, Money.of(listValue, currency.get()).rounded(), null);
    }
    BigDecimal percent = listValue.subtract(offered).multiply(BigDecimal.valueOf(100))
        .divide(listValue, 2, RoundingMode.HALF_UP);
    return new Discount(percent, Money.of(listValue, currency.get()).rounded(), null);
  }

  private static int listMonths(ListPrices list) {
    Period p = Period.parse(list.duration());
    long months = p.toTotalMonths() + p.getDays() / 30;
    return months <= 0 ? 12 : (int) months;
  }

  /** The offer's duration in months: as stated, or from its service dates. */
  static Integer months(OfferTerms t) {
    if (t.durationMonths() != null) {
      return t.durationMonths();
    }
    if (t.serviceStartDate() != null && t.serviceEndDate() != null) {
      return (int) Period.between(t.serviceStartDate(), t.serviceEndDate().plusDays(1)).toTotalMonths();
    }
    return null;
  }

  private static String plain(BigDecimal amount) {
    return amount == null ? "null" : amount.stripTrailingZeros().toPlainString();
  }
}
