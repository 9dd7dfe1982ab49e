package org.offerdesk.app.offers.internal;

import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.errors.Conflict;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.marketplace.AgreementTerm;
import org.offerdesk.app.marketplace.MarketplaceAgreements;
import org.offerdesk.app.marketplace.MarketplaceCalls;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Amending an accepted offer: a replacement (agreement-based) offer drafted from the agreement's terms as
 * the marketplace holds them, with the installments not yet due carried over, published with
 * CreateReplacementOffer.
 */
@Service
record OfferAmendments(OfferStore offers, MarketplaceAgreements agreements, AuditLog audit, Clock clock,
    TransactionTemplate tx) {

  static final int DEFAULT_DAYS_TO_ACCEPT = 30;

  /** Reads the agreement from the marketplace outside any transaction, then drafts in one of its own. */
  Offer amend(Caller caller, UUID id) {
    Offer original = offers.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Offer " + id));
    if (!original.stage().isAccepted() || original.agreementId() == null) {
      throw new Conflict("Only an accepted offer can be amended; this one is " + original.stage());
    }
    if (original.type() == org.offerdesk.app.offers.OfferType.PARTNER) {
      throw new Conflict("OfferDesk does not amend partner offers yet: make a new partner offer instead");
    }
    String agreementId = original.agreementId();
    UUID org = caller.organizationId();
    MarketplaceAgreements.Agreement agreement = MarketplaceCalls.call("Reading agreement " + agreementId,
        () -> agreements.agreement(org, agreementId));
    if (!"ACTIVE".equals(agreement.status())) {
      throw new Conflict("Agreement " + agreementId + " is " + agreement.status()
          + "; only an active agreement can be amended");
    }
    List<AgreementTerm> accepted = MarketplaceCalls.call("Reading the terms of agreement " + agreementId,
        () -> agreements.acceptedTerms(org, agreementId));
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    OfferTerms base = original.terms();

    String currency = base.currency();
    List<OfferTerms.PricedDimension> dimensions = new ArrayList<>();
    List<OfferTerms.Installment> invoiced = new ArrayList<>();
    List<OfferTerms.Installment> remaining = new ArrayList<>();
    LocalDate endDate = agreement.endsAt() == null ? null : LocalDate.ofInstant(agreement.endsAt(), ZoneOffset.UTC);
    for (AgreementTerm term : accepted) {
      if (term instanceof AgreementTerm.FixedUpfrontPricing f) {
        currency = f.currency();
        f.grants().forEach(g -> dimensions.add(new OfferTerms.PricedDimension(g.dimensionKey(),
            g.maxQuantity() == null ? 1L : g.maxQuantity().longValue(), unitPrice(base, g.dimensionKey()))));
      }
      if (term instanceof AgreementTerm.ConfigurableUpfrontPricing c && c.configuration() != null) {
        currency = c.currency();
        c.configuration().dimensions().forEach(d -> dimensions.add(new OfferTerms.PricedDimension(d.dimensionKey(),
            d.maxQuantity().longValue(), unitPrice(base, d.dimensionKey()))));
      }
      if (term instanceof AgreementTerm.PaymentSchedule p) {
        p.installments().forEach(s -> {
          LocalDate due = LocalDate.ofInstant(s.chargeDate(), ZoneOffset.UTC);
          OfferTerms.Installment i = new OfferTerms.Installment(due, s.amount());
          (due.isAfter(today) ? remaining : invoiced).add(i);
        });
      }
      if (term instanceof AgreementTerm.Validity v && v.endDate() != null && endDate == null) {
        endDate = LocalDate.ofInstant(v.endDate(), ZoneOffset.UTC);
      }
    }
    if (dimensions.isEmpty()) {
      dimensions.addAll(base.dimensions());
    }
    // The remaining installments are what the buyer still owes: the amendment starts from them, and its
    // dimensions are priced so that the contract value matches them.
    List<OfferTerms.PricedDimension> priced = priceToSchedule(dimensions, remaining);
    String buyer = agreement.acceptorAccountId() == null ? base.buyerAccountIds().get(0)
        : agreement.acceptorAccountId();
    LocalDate expires = today.plusDays(DEFAULT_DAYS_TO_ACCEPT);
    if (endDate != null && !expires.isBefore(endDate)) {
      expires = endDate.minusDays(1);
    }
    OfferTerms terms = new OfferTerms(base.productId(), trimName("Amendment of " + base.name()), base.description(),
        List.of(buyer), currency, base.pricingModel(), priced, null, today, endDate, remaining, expires, base.eula(),
        base.refundPolicy(), base.autoRenew(), base.metadata());
    Instant now = clock.instant();
    Offer draft = new Offer(UUID.randomUUID(), caller.organizationId(), OfferType.AMENDMENT, OfferStage.DRAFT, terms,
        null, null, 0, 0, caller.describe(), null, null, agreementId, null, List.of(), OfferCommands.newViewToken(),
        now, now);
    AmendmentBaseline baseline = new AmendmentBaseline(agreementId, base.productId(), endDate, invoiced, remaining);
    return tx.execute(s -> {
      offers.insert(draft);
      offers.saveBaseline(draft.organizationId(), draft.id(), baseline);
      offers.record(draft, OfferStage.DRAFT, "amendment drafted", "replaces agreement " + agreementId + " of "
          + base.name() + " (" + original.id() + "); " + remaining.size() + " remaining installments carried over",
          caller.describe(), now, null);
      audit.record(caller, "offer.amendment_drafted", OfferCommands.describe(draft), "agreement " + agreementId);
      return offers.find(draft.organizationId(), draft.id()).orElseThrow();
    });
  }

  private static BigDecimal unitPrice(OfferTerms base, String key) {
    return base.dimensions().stream().filter(d -> key.equals(d.key())).map(OfferTerms.PricedDimension::unitPrice)
        .findFirst().orElse(BigDecimal.ZERO);
  }

  /**
   * With remaining installments, the first dimension carries their total so the amendment's contract
   * value equals what is left to pay; the seller then changes quantities, prices and schedule as agreed.
   */
  private static List<OfferTerms.PricedDimension> priceToSchedule(List<OfferTerms.PricedDimension> dims,
      List<OfferTerms.Installment> remaining) {
    if (remaining.isEmpty() || dims.isEmpty()) {
      return dims;
    }
    BigDecimal left = remaining.stream().map(OfferTerms.Installment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    List<OfferTerms.PricedDimension> out = new ArrayList<>();
    OfferTerms.PricedDimension first = dims.get(0);
    BigDecimal unit = left.divide(BigDecimal.valueOf(first.quantity() == null ? 1 : first.quantity()), 3,
        java.math.RoundingMode.HALF_UP);
    if (unit.multiply(BigDecimal.valueOf(first.quantity() == null ? 1 : first.quantity())).compareTo(left) != 0) {
      out.add(new OfferTerms.PricedDimension(first.key(), 1L, left));
    } else {
      out.add(new OfferTerms.PricedDimension(first.key(), first.quantity(), unit));
    }
    for (int i = 1; i < dims.size(); i++) {
      out.add(new OfferTerms.PricedDimension(dims.get(i).key(), dims.get(i).quantity(), BigDecimal.ZERO));
    }
    return out;
  }

  private static String trimName(String name) {
    return name.length() > 150 ? name.substring(0, 150) : name;
  }

  static Map<String, Object> describe(AmendmentBaseline b) {
    return Map.of("agreementId", b.agreementId(), "endDate", String.valueOf(b.endDate()));
  }
}
