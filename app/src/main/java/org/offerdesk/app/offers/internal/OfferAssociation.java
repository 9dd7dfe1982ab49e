package org.offerdesk.app.offers.internal;

import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.errors.InvalidInput;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.marketplace.MarketplaceAgreements;
import org.offerdesk.app.marketplace.MarketplaceAgreements.AgreementQuery;
import org.offerdesk.app.marketplace.MarketplaceAgreements.AgreementSummary;
import org.offerdesk.app.marketplace.MarketplaceCalls;
import org.offerdesk.app.marketplace.MarketplaceCatalog;
import org.offerdesk.app.offers.OfferStage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Brings offers made outside OfferDesk into it: their terms, stage and, when accepted, agreement. */
@Service
record OfferAssociation(MarketplaceCatalog catalog, MarketplaceAgreements agreements, OfferStore offers,
    OfferTracking tracking, AuditLog audit, ObjectMapper mapper, TransactionTemplate tx, Clock clock) {

  /** The result of associating one offer: the offer, and whether OfferDesk already had it. */
  record Associated(Offer offer, boolean existed) {}

  Associated associate(Caller caller, String marketplaceOfferId) {
    return associate(caller.organizationId(), caller.describe(), marketplaceOfferId);
  }

  Associated associate(UUID org, String actor, String marketplaceOfferId) {
    if (marketplaceOfferId == null || !marketplaceOfferId.matches("^offer-[A-Za-z0-9]+$")) {
      throw new InvalidInput("marketplaceOfferId", "must be a marketplace offer ID such as offer-abc123def4567");
    }
    Optional<Offer> existing = offers.findByMarketplaceId(org, marketplaceOfferId);
    if (existing.isPresent()) {
      return new Associated(existing.get(), true);
    }
    // Another seller's offer answers exactly as an id that does not exist: nothing tells them apart.
    MarketplaceCatalog.Entity entity = MarketplaceCalls.lookup("Reading offer " + marketplaceOfferId,
        "Marketplace offer", () -> catalog.entity(org, marketplaceOfferId));
    if (!entity.type().startsWith("Offer")) {
      throw new NotFound("Marketplace offer");
    }
    MarketplaceOffers.Described described;
    try {
      described = MarketplaceOffers.read(mapper.readTree(entity.details()));
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable offer details for " + marketplaceOfferId, e);
    }
    if ("Released".equalsIgnoreCase(described.state()) && described.terms().buyerAccountIds().isEmpty()
        && described.sourceAgreementId() == null) {
      // Targeted at nobody: the product's public offer, which every buyer can take; not a deal to follow.
      throw new InvalidInput("marketplaceOfferId", "is a public offer: only private offers are associated");
    }
    Optional<AgreementSummary> agreement = MarketplaceCalls.call("Looking up the agreement of "
        + marketplaceOfferId, () -> acceptedAgreement(org, marketplaceOfferId));
    return tx.execute(status -> {
      // Held against an amendment's event handled at the same time, which would otherwise find no offer.
      agreement.ifPresent(a -> offers.lockAgreement(org, a.id()));
      Optional<Offer> raced = offers.findByMarketplaceId(org, marketplaceOfferId);
      if (raced.isPresent()) {
        return new Associated(raced.get(), true);
      }
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      OfferStage stage = agreement.isPresent() ? OfferStage.ACCEPTED : described.stage(today);
      Instant now = clock.instant();
      Offer offer = new Offer(UUID.randomUUID(), org, described.type(), stage, described.terms(), marketplaceOfferId,
          null, 1, 0, actor, null, null, described.sourceAgreementId(),
          agreement.map(AgreementSummary::id).orElse(null), List.of(), OfferCommands.newViewToken(), now,
          now);
      offers.insert(offer);
      offers.record(offer, stage, "associated", "made outside OfferDesk as " + marketplaceOfferId
          + (described.pricesDerived() ? "; unit prices derived from the payment schedule" : "")
          + (offer.terms().missingTerms().isEmpty() ? ""
              : "; needs review, not stated on the marketplace: " + String.join(", ", offer.terms().missingTerms())),
          actor, now, "offer:" + org + ":" + marketplaceOfferId + ":associated");
      audit.record(org, actor, "offer.associated", OfferCommands.describe(offer), marketplaceOfferId);
      // An amendment that replaced its agreement was reported before OfferDesk knew the offer: applied now.
      Optional<OfferStore.Replacement> replacement = agreement.flatMap(a -> offers.replacementOf(org, a.id()));
      if (replacement.isPresent()) {
        String agreementId = agreement.get().id();
        tracking.replaced(org, agreementId, replacement.get().byAgreementId(), null, replacement.get().cause());
        offer = offers.findByAgreement(org, agreementId).orElseThrow();
      }
      return new Associated(offer, false);
    });
  }

  /** The active (or ended) agreement that accepted this offer, if any. */
  Optional<AgreementSummary> acceptedAgreement(UUID org, String marketplaceOfferId) {
    return agreements.search(org, AgreementQuery.ofOffer(marketplaceOfferId), null).items().stream()
        .findFirst();
  }
}
