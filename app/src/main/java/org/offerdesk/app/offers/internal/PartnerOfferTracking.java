package org.offerdesk.app.offers.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.offerdesk.app.partners.ResaleAuthorizations;
import org.offerdesk.app.partners.ResaleAuthorizations.Granted;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ISV's view of the partner offers resellers make on its products: each is an offer of type PARTNER in
 * the ISV's organization, linked to the authorization it is built on, with the buyers, stage, expiry and
 * the wholesale value the ISV granted (never the reseller's markup, which the ISV does not see). Released
 * offers and accepted agreements may arrive in either order: an agreement whose offer is not known yet
 * makes the offer from what it says (authorization, buyer), and the release fills it in when it comes.
 */
@Component
record PartnerOfferTracking(OfferStore offers, PartnerOfferLinks partners, ResaleAuthorizations authorizations,
    TeamNotifications team, Clock clock, TransactionTemplate tx) {

  /** The owner of partner offers OfferDesk observed rather than made: nobody in the ISV can act on them. */
  static final String OBSERVED = "marketplace";

  /** A released partner offer as the marketplace announced it. */
  record Released(String offerId, String name, String productId, String productTitle, String resaleAuthorizationId,
      String resellerAccountId, String resellerName, List<String> buyers, LocalDate expiresOn, String cause) {}

  /** An accepted partner offer's agreement; the offer ID may be missing (AWS sometimes sends it late). */
  record Accepted(String agreementId, String offerId, String resaleAuthorizationId, String resellerAccountId,
      String buyer, String productId, Instant acceptedAt, String cause) {}

  void released(UUID org, Released announced) {
    // A sweep reads the offer, which names no reseller: the authorization it is built on does.
    Released r = announced.resellerAccountId() != null || announced.resaleAuthorizationId() == null ? announced
        : new Released(announced.offerId(), announced.name(), announced.productId(), announced.productTitle(),
            announced.resaleAuthorizationId(), authorizations.byMarketplaceId(org, announced.resaleAuthorizationId())
            .map(Granted::resellerAccountId).orElse(null), null, announced.buyers(), announced.expiresOn(),
            announced.cause());
    Offer offer = tx.execute(s -> recordRelease(org, r));
    if (r.resaleAuthorizationId() != null) {
      authorizations.offerMade(org, r.resaleAuthorizationId(), "partner offer " + r.offerId());
    }
    tx.executeWithoutResult(s -> notifyExtended(org, offer, r));
  }

  private Offer recordRelease(UUID org, Released r) {
    Instant now = clock.instant();
    Optional<Offer> known = offers.findByMarketplaceId(org, r.offerId());
    Optional<Offer> awaiting = known.isPresent() || r.resaleAuthorizationId() == null ? Optional.empty()
        : partners.awaitingOfferId(org, r.resaleAuthorizationId(), r.buyers());
    Offer offer;
    if (known.isPresent() || awaiting.isPresent()) {
      Offer existing = known.orElseGet(awaiting::get);
      OfferTerms t = existing.terms();
      OfferTerms filled = terms(org, r.productId(), r.name(), r.buyers().isEmpty() ? t.buyerAccountIds() : r.buyers(),
          r.expiresOn() != null ? r.expiresOn() : t.expiresOn(), r.resaleAuthorizationId());
      offer = new Offer(existing.id(), org, OfferType.PARTNER, existing.stage(), filled, r.offerId(),
          existing.changeSetId(), existing.revision(), existing.version(), existing.owner(), null, null, null,
          existing.agreementId(), List.of(), existing.viewToken(), existing.createdAt(), now);
      if (!offers.update(offer)) {
        throw new IllegalStateException("Partner offer " + existing.id() + " changed while it was filled in");
      }
      if (awaiting.isPresent()) {
        offers.record(offer, offer.stage(), "offer ID arrived after the agreement", r.offerId() + " (" + r.cause()
            + ")", OBSERVED, now, "partner-offer:" + org + ":" + r.offerId() + ":filled");
      }
    } else {
      offer = new Offer(UUID.randomUUID(), org, OfferType.PARTNER, OfferStage.SENT, terms(org, r.productId(),
          r.name(), r.buyers(), r.expiresOn(), r.resaleAuthorizationId()), r.offerId(), null, 0, 0, OBSERVED, null,
          null, null, null, List.of(), OfferCommands.newViewToken(), now, now);
      offers.insert(offer);
    }
    partners.link(org, offer.id(), new PartnerOfferLinks.Link(r.resaleAuthorizationId(), r.resellerAccountId()));
    offers.record(offer, offer.stage(), "released by the reseller", (r.resellerName() == null ? r.resellerAccountId()
        : r.resellerName()) + " (" + r.cause() + ")", OBSERVED, now, "partner-offer:" + org + ":" + r.offerId()
        + ":released");
    return offer;
  }

  void accepted(UUID org, Accepted a) {
    tx.executeWithoutResult(s -> recordAcceptance(org, a));
  }

  private void recordAcceptance(UUID org, Accepted a) {
    Instant now = clock.instant();
    Optional<Offer> found = a.offerId() == null ? Optional.empty() : offers.findByMarketplaceId(org, a.offerId());
    if (found.isEmpty() && a.resaleAuthorizationId() != null && a.buyer() != null) {
      found = partners.openFor(org, a.resaleAuthorizationId(), a.buyer());
    }
    Offer offer;
    if (found.isPresent()) {
      offer = found.get();
      if (offer.agreementId() != null) {
        return;
      }
      Offer accepted = offer.accepted(a.agreementId(), now);
      if (!offers.update(accepted)) {
        throw new IllegalStateException("Partner offer " + offer.id() + " changed while it was accepted");
      }
      offer = accepted;
    } else {
      // The agreement came first: the offer is made from it and filled in when its release is announced.
      Optional<Granted> granted = a.resaleAuthorizationId() == null ? Optional.empty()
          : authorizations.byMarketplaceId(org, a.resaleAuthorizationId());
      String name = "Partner offer on " + granted.map(Granted::name).orElse(a.resaleAuthorizationId());
      offer = new Offer(UUID.randomUUID(), org, OfferType.PARTNER, OfferStage.ACCEPTED, terms(org, a.productId(),
          name, a.buyer() == null ? List.of() : List.of(a.buyer()), null, a.resaleAuthorizationId()), a.offerId(),
          null, 0, 0, OBSERVED, null, null, null, a.agreementId(), List.of(), OfferCommands.newViewToken(), now, now);
      offers.insert(offer);
      offers.record(offer, OfferStage.ACCEPTED, "agreement arrived before the offer", a.agreementId(), OBSERVED, now,
          null);
    }
    partners.link(org, offer.id(), new PartnerOfferLinks.Link(a.resaleAuthorizationId(), a.resellerAccountId()));
    offers.record(offer, OfferStage.ACCEPTED, "accepted by " + a.buyer(), a.agreementId() + " (" + a.cause() + ")",
        OBSERVED, a.acceptedAt() == null ? now : a.acceptedAt(), "partner-offer:" + org + ":" + a.agreementId()
        + ":accepted");
  }

  /**
   * The terms the ISV knows of a partner offer: its buyers, expiry and, from the authorization, the
   * duration and the wholesale value as one line (the buyer's price includes a markup the ISV never sees).
   */
  private OfferTerms terms(UUID org, String productId, String name, List<String> buyers, LocalDate expiresOn,
      String resaleAuthorizationId) {
    Optional<Granted> granted = resaleAuthorizationId == null ? Optional.empty()
        : authorizations.byMarketplaceId(org, resaleAuthorizationId);
    String product = productId != null ? productId : granted.map(Granted::productId).orElse("");
    BigDecimal wholesale = granted.map(Granted::wholesaleValue).orElse(null);
    List<OfferTerms.PricedDimension> value = wholesale == null ? List.of()
        : List.of(new OfferTerms.PricedDimension("Wholesale", 1L, wholesale));
    return new OfferTerms(product, name, null, buyers, granted.map(Granted::currency).orElse("USD"),
        OfferTerms.PricingModel.CONTRACT, value, granted.map(Granted::durationMonths).orElse(null), null, null,
        List.of(), expiresOn, null, null, false, null);
  }

  private void notifyExtended(UUID org, Offer offer, Released r) {
    String reseller = r.resellerName() == null ? r.resellerAccountId() : r.resellerName();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Reseller", reseller + " (" + r.resellerAccountId() + ")");
    facts.put("Offer", r.offerId());
    facts.put("Product", r.productTitle());
    facts.put("Buyers", String.join(", ", r.buyers()));
    facts.put("Resale authorization", r.resaleAuthorizationId());
    facts.put("Expires", r.expiresOn() == null ? null : r.expiresOn().toString());
    team.notify(new TeamNotice(org, NotificationType.PARTNER_OFFER_EXTENDED, reseller + " released \"" + r.name()
        + "\"", reseller + " released offer \"" + r.name() + "\" on " + (r.productTitle() == null ? "your product"
        : r.productTitle()) + ".", "/offers/" + offer.id(), facts, "partner-offer:" + r.offerId()));
  }
}
