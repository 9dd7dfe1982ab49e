package org.offerdesk.app.offers.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.offerdesk.app.offers.RenewalBasis;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeping deals alive: a renewal offer drafted from an ending agreement (flagged, because AWS charges a
 * renewal a lower listing fee), and an expired offer cloned with its dates moved to today in one click.
 */
@Service
class OfferRenewals {

  private final OfferStore offers;
  private final AuditLog audit;
  private final Clock clock;

  OfferRenewals(OfferStore offers, AuditLog audit, Clock clock) {
    this.offers = offers;
    this.audit = audit;
    this.clock = clock;
  }

  /** Days a drafted renewal gives the buyer to accept, unless the agreement ends sooner. */
  static final int DAYS_TO_ACCEPT = 30;

  @Transactional
  Offer draftRenewal(Caller caller, RenewalBasis basis) {
    UUID org = caller.organizationId();
    offers.openRenewalOf(org, basis.agreementId()).ifPresent(existing -> {
      throw new Conflict("Agreement " + basis.agreementId() + " already has a renewal offer, "
          + existing.terms().name() + " (" + existing.id() + ", " + existing.stage() + ")");
    });
    LocalDate today = today();
    Optional<Offer> model = Optional.ofNullable(basis.offerId()).flatMap(id -> offers.find(org, id));
    LocalDate from = basis.startsOn();
    if (from == null) {
      throw new InvalidInput("endsOn", "the agreement has no end date: there is nothing to renew");
    }
    LocalDate start = from.isAfter(today.plusDays(1)) ? from : today.plusDays(2);
    LocalDate expires = today.plusDays(DAYS_TO_ACCEPT).isBefore(start) ? today.plusDays(DAYS_TO_ACCEPT)
        : start.minusDays(1);
    OfferTerms terms = model.map(o -> fromOffer(o.terms(), basis, start, expires))
        .orElseGet(() -> fromAgreement(basis, start, expires));
    Instant now = clock.instant();
    Offer draft = new Offer(UUID.randomUUID(), org, OfferType.DIRECT, OfferStage.DRAFT, terms, null, null, 0, 0,
        caller.describe(), model.map(Offer::id).orElse(null), null, null, null, List.of(),
        OfferCommands.newViewToken(), now, now, true, basis.agreementId());
    offers.insert(draft);
    offers.record(draft, OfferStage.DRAFT, "renewal drafted", "renews agreement " + basis.agreementId()
        + "; service from " + start, caller.describe(), now, null);
    audit.record(caller, "offer.renewal_drafted", OfferCommands.describe(draft), "agreement " + basis.agreementId());
    return draft;
  }

  /** The offer behind the agreement, again: same buyer, product, lines, legal terms and metadata. */
  private static OfferTerms fromOffer(OfferTerms t, RenewalBasis basis, LocalDate start, LocalDate expires) {
    LocalDate end = t.durationMonths() != null ? start.plusMonths(t.durationMonths())
        : start.plusDays(length(basis, t));
    // The installments keep their place in the term: moved by as many days as the renewal starts after the
    // agreement did (none when the agreement's start is unknown: the buyer then pays up front).
    long shift = basis.startedOn() == null ? 0 : ChronoUnit.DAYS.between(basis.startedOn(), start);
    List<OfferTerms.Installment> schedule = basis.startedOn() == null ? List.of() : t.paymentSchedule().stream()
        .map(i -> new OfferTerms.Installment(plus(i.dueOn(), shift), i.amount()))
        .filter(i -> i.dueOn() != null && !i.dueOn().isBefore(start) && i.dueOn().isBefore(end)).toList();
    String buyer = basis.buyerAccountId() != null ? basis.buyerAccountId() : t.buyerAccountIds().get(0);
    return new OfferTerms(t.productId(), name("Renewal of " + t.name()), t.description(), List.of(buyer),
        t.currency(), t.pricingModel(), t.dimensions(), null, start, end, schedule, expires, t.eula(),
        t.refundPolicy(), t.autoRenew(), t.metadata());
  }

  /** No offer in OfferDesk (a public or outside order): the accepted lines, under the standard contract. */
  private static OfferTerms fromAgreement(RenewalBasis basis, LocalDate start, LocalDate expires) {
    LocalDate end = start.plusDays(basis.startedOn() == null ? 365
        : Math.max(1, ChronoUnit.DAYS.between(basis.startedOn(), basis.startsOn())));
    List<OfferTerms.PricedDimension> dimensions = basis.lines().stream()
        .map(l -> new OfferTerms.PricedDimension(l.key(), l.quantity() == null ? 1L : l.quantity(),
            l.unitPrice() == null ? BigDecimal.ZERO : l.unitPrice()))
        .toList();
    return new OfferTerms(basis.productId(), name("Renewal for " + basis.buyerAccountId()), null,
        List.of(basis.buyerAccountId()), basis.currency() == null ? "USD" : basis.currency(), null, dimensions, null,
        start, end, List.of(), expires, null, null, false, null);
  }

  private static long length(RenewalBasis basis, OfferTerms t) {
    if (basis.startedOn() != null) {
      return Math.max(1, ChronoUnit.DAYS.between(basis.startedOn(), basis.startsOn()));
    }
    return t.serviceStartDate() != null && t.serviceEndDate() != null
        ? ChronoUnit.DAYS.between(t.serviceStartDate(), t.serviceEndDate()) : 365;
  }

  /**
   * An expired offer again, as a new draft with the same terms and the same time to accept, every date
   * (expiry, service dates, installments) moved forward by the days since the original was made.
   */
  @Transactional
  Offer cloneWithNewDates(Caller caller, UUID id) {
    Offer source = offers.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Offer " + id));
    if (source.stage() != OfferStage.EXPIRED) {
      throw new Conflict("Only an expired offer is cloned with new dates; this one is " + source.stage()
          + " (Clone copies any offer as it is)");
    }
    LocalDate today = today();
    LocalDate made = LocalDate.ofInstant(source.createdAt(), ZoneOffset.UTC);
    long shift = Math.max(0, ChronoUnit.DAYS.between(made, today));
    OfferTerms t = source.terms();
    LocalDate expires = t.expiresOn() == null || !t.expiresOn().plusDays(shift).isAfter(today)
        ? today.plusDays(DAYS_TO_ACCEPT) : t.expiresOn().plusDays(shift);
    OfferTerms moved = new OfferTerms(t.productId(), t.name(), t.description(), t.buyerAccountIds(), t.currency(),
        t.pricingModel(), t.dimensions(), t.durationMonths(), plus(t.serviceStartDate(), shift),
        plus(t.serviceEndDate(), shift), t.paymentSchedule().stream()
            .map(i -> new OfferTerms.Installment(plus(i.dueOn(), shift), i.amount())).toList(),
        expires, t.eula(), t.refundPolicy(), t.autoRenew(), t.metadata());
    Instant now = clock.instant();
    Offer copy = new Offer(UUID.randomUUID(), caller.organizationId(), source.type() == OfferType.AMENDMENT
        ? OfferType.DIRECT : source.type(), OfferStage.DRAFT, moved, null, null, 0, 0, caller.describe(),
        source.id(), null, null, null, List.of(), OfferCommands.newViewToken(), now, now, source.renewal(),
        source.renewsAgreementId());
    offers.insert(copy);
    offers.record(copy, OfferStage.DRAFT, "cloned with new dates", "from expired " + t.name() + " (" + source.id()
        + "), dates moved " + shift + " days", caller.describe(), now, null);
    audit.record(caller, "offer.cloned", OfferCommands.describe(copy), "from expired " + source.id()
        + " with new dates");
    return copy;
  }

  private static LocalDate plus(LocalDate day, long days) {
    return day == null ? null : day.plusDays(days);
  }

  private static String name(String name) {
    return name.length() > 150 ? name.substring(0, 150) : name;
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
