package org.offerdesk.app.offers.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceCalls;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.offerdesk.app.marketplace.SharedAuthorization;
import org.offerdesk.app.marketplace.SharedResaleAuthorizations;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A reseller's partner offers: built on a resale authorization shared with it, with its markup on the ISV's
 * wholesale prices. The authorization is read from the marketplace first (it may have been used, deactivated
 * or have expired since the last sync), then the offer is written in one transaction, or nothing is.
 */
@Service
record PartnerOffers(SharedResaleAuthorizations authorizations, Marketplace marketplace, OfferStore offers,
    PartnerOfferStore partners, OfferCommands commands, AuditLog audit, Clock clock, TransactionTemplate tx,
    OfferApprovals approvals) {

  Offer create(Caller caller, OfferInput input) {
    if (caller.organizationKind() != OrganizationKind.RESELLER) {
      throw new InvalidInput("type", "PARTNER offers are made by a reseller on a resale authorization shared "
          + "with it; a seller makes DIRECT offers");
    }
    SharedAuthorization a = usable(caller, input.resaleAuthorizationId());
    Built built = build(input, a);
    Instant now = clock.instant();
    String reseller = marketplace.connection(caller.organizationId()).map(PartnerOffers::accountOf).orElse(null);
    return tx.execute(s -> {
      Offer offer = new Offer(UUID.randomUUID(), caller.organizationId(), OfferType.PARTNER, OfferStage.DRAFT,
          built.terms(), null, null, 0, 0, caller.describe(), null, null, null, null, List.of(),
          OfferCommands.newViewToken(), now, now);
      offers.insert(offer);
      partners.save(caller.organizationId(), offer.id(), built.partner(), reseller);
      offers.record(offer, OfferStage.DRAFT, "created", "on resale authorization " + a.id(), caller.describe(), now,
          null);
      audit.record(caller, "offer.created", OfferCommands.describe(offer), "partner offer on " + a.id());
      return offer;
    });
  }

  /** Changes a partner draft: its name, description, buyers, expiry or markup, checked again against the authorization. */
  Offer update(Caller caller, Offer offer, OfferInput input) {
    if (!offer.stage().isDraft()) {
      throw new Conflict("A partner offer can be changed only while it is a draft; this one is " + offer.stage()
          + ". Withdraw it and clone it to offer different terms");
    }
    if (input.version() != null && input.version() != offer.version()) {
      throw new Conflict("The offer was changed by someone else since you loaded it (version " + offer.version()
          + ", yours " + input.version() + "); reload and try again");
    }
    SharedAuthorization a = usable(caller, input.resaleAuthorizationId());
    Built built = build(input, a);
    Instant now = clock.instant();
    tx.executeWithoutResult(s -> {
      Offer updated = offer.withTerms(built.terms(), now);
      if (!offers.update(updated)) {
        throw new Conflict("The offer was changed by someone else at the same time; reload and try again");
      }
      partners.save(caller.organizationId(), offer.id(), built.partner(),
          marketplace.connection(caller.organizationId()).map(PartnerOffers::accountOf).orElse(null));
      offers.record(updated, updated.stage(), "edited", null, caller.describe(), now, null);
      approvals.edited(caller, updated, now);
      audit.record(caller, "offer.edited", OfferCommands.describe(updated), "partner offer");
    });
    return commands.get(caller, offer.id());
  }

  /** Publishes a partner draft once its authorization still allows it, through the offers' publish job. */
  Offer publish(Caller caller, Offer offer, Integer version) {
    if (offer.stage().isDraft()) {
      PartnerTerms partner = terms(offer);
      SharedAuthorization a = usable(caller, partner.resaleAuthorizationId());
      List<FieldError> errors = PartnerOfferRules.check(offer.terms(), partner.markupPercent(), a, today());
      if (!errors.isEmpty()) {
        throw new InvalidInput(errors);
      }
    }
    return commands.publish(caller, offer, version);
  }

  PartnerTerms terms(Offer offer) {
    return partners.find(offer.organizationId(), offer.id())
        .orElseThrow(() -> new IllegalStateException("Partner offer " + offer.id() + " has no partner terms"));
  }

  /** The authorization as the marketplace holds it now, if an offer can still be built on it. */
  SharedAuthorization usable(Caller caller, String resaleAuthorizationId) {
    String id = resaleAuthorizationId == null ? null : resaleAuthorizationId.strip();
    Optional<SharedAuthorization> found = Optional.empty();
    if (id != null && !id.isEmpty()) {
      try {
        found = Optional.of(MarketplaceCalls.lookup("Reading the resale authorization", "Resale authorization " + id,
            () -> authorizations.describe(caller.organizationId(), id)));
      } catch (NotFound unknown) {
        // Another reseller's, or none at all: the same answer, below.
      }
    }
    List<FieldError> errors = PartnerOfferRules.checkAuthorization(id, found, today());
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return found.orElseThrow();
  }

  private record Built(OfferTerms terms, PartnerTerms partner) {}

  /** The offer's terms from the authorization and the reseller's input, checked, or every broken rule. */
  private Built build(OfferInput input, SharedAuthorization a) {
    BigDecimal markup = input.markupPercent();
    PartnerTerms partner = new PartnerTerms(a.id(), a.manufacturerAccountId(), a.manufacturerName(), a.currency(),
        a.duration(), markup == null || markup.signum() < 0 ? BigDecimal.ZERO : markup,
        a.prices().stream().map(p -> new PartnerTerms.Wholesale(p.dimensionKey(), p.dimensionName(), p.price()))
            .toList());
    List<OfferTerms.PricedDimension> dimensions = new ArrayList<>();
    partner.wholesalePrices().forEach(w -> dimensions.add(new OfferTerms.PricedDimension(w.dimensionKey(), null,
        partner.buyerPrice(w.price()))));
    OfferTerms terms = new OfferTerms(a.productId(), trim(input.name()), trim(input.description()),
        input.buyerAccountIds() == null ? List.of() : input.buyerAccountIds().stream().map(PartnerOffers::trim).toList(),
        a.currency(), "Usage".equals(a.pricingModel()) ? OfferTerms.PricingModel.USAGE
            : OfferTerms.PricingModel.CONTRACT, dimensions, months(a.duration()), null, null, List.of(),
        input.expiresOn(), null, null, false, null);
    List<FieldError> errors = PartnerOfferRules.check(terms, markup, a, today());
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return new Built(terms, partner.withMarkup(PartnerTerms.plain(markup)));
  }

  private static Integer months(String duration) {
    try {
      return duration == null ? null : Period.parse(duration).toTotalMonths() > 0
          ? (int) Period.parse(duration).toTotalMonths() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String accountOf(MarketplaceConnection c) {
    return c.verifiedAccountId() != null ? c.verifiedAccountId() : c.awsAccountId();
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
