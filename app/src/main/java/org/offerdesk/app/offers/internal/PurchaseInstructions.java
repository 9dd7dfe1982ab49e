package org.offerdesk.app.offers.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.notifications.Emails;
import org.offerdesk.app.notifications.OutgoingEmail;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.runtime.SecurityClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a buyer's contacts that their offer is ready, with a link to a page that summarises it and
 * leads to the marketplace; the page, once open in a browser, marks the offer VIEWED (see {@link ViewLinks}).
 */
@Service
record PurchaseInstructions(OfferStore offers, Listings listings, Marketplace marketplace, Emails emails,
    AuditLog audit, Clock clock, String publicUrl, org.offerdesk.app.notifications.TeamNotifications team,
    SecurityClock securityClock, Duration linkGrace, TransactionTemplate tx) {

  /**
   * The settings are annotated here, not on the record's components: an annotated component annotates its field too,
   * and the bean definitions made ahead of time (runtime/AheadOfTime) would then set the final field again.
   */
  PurchaseInstructions(OfferStore offers, Listings listings, Marketplace marketplace, Emails emails, AuditLog audit,
      Clock clock, @Value("${offerdesk.public-url}") String publicUrl,
      org.offerdesk.app.notifications.TeamNotifications team, SecurityClock securityClock,
      @Value("${offerdesk.offers.view-link-grace:P30D}") Duration linkGrace, TransactionTemplate tx) {
    this.offers = offers;
    this.listings = listings;
    this.marketplace = marketplace;
    this.emails = emails;
    this.audit = audit;
    this.clock = clock;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.team = team;
    this.securityClock = securityClock;
    this.linkGrace = linkGrace;
    this.tx = tx;
  }

  static final String TEMPLATE = "offer-purchase-instructions";

  /** What the buyer's page shows. */
  record BuyerView(Offer offer, String sellerName, String productTitle, String marketplaceUrl) {}

  /** Queues the email and records it on the offer's timeline and in the audit log, in one transaction. */
  List<UUID> send(Caller caller, UUID offerId, List<String> to, String note) {
    return tx.execute(s -> queue(caller, offerId, to, note));
  }

  private List<UUID> queue(Caller caller, UUID offerId, List<String> to, String note) {
    Offer offer = offers.find(caller.organizationId(), offerId)
        .orElseThrow(() -> new NotFound("Offer " + offerId));
    if (!offer.stage().isOpen()) {
      throw new Conflict("Purchase instructions can be sent for an offer on the marketplace that is not yet "
          + "accepted; this one is " + offer.stage());
    }
    if (to == null || to.isEmpty()) {
      throw new InvalidInput("to", "needs at least one buyer contact email");
    }
    if (note != null && note.length() > 2000) {
      throw new InvalidInput("note", "must be at most 2000 characters");
    }
    UUID emailId = emails.queue(new OutgoingEmail(caller.organizationId(), to, TEMPLATE,
        model(offer, caller.organizationName(), note), null));
    offers.record(offer, offer.stage(), "purchase instructions sent", String.join(", ", to), caller.describe(),
        clock.instant(), null);
    audit.record(caller, "offer.instructions_sent", OfferCommands.describe(offer), String.join(", ", to));
    return List.of(emailId);
  }

  /**
   * The buyer's page for a link, or empty when the link is unknown or has expired. Reading it changes
   * nothing: mail scanners and link previews open links too.
   */
  Optional<BuyerView> show(String token, String sellerName) {
    return liveOffer(token).map(offer -> {
      String title = listings.find(offer.organizationId(), offer.terms().productId()).map(Listing::title)
          .orElse(offer.terms().productId());
      return new BuyerView(offer, sellerName, title, marketplaceUrl(offer));
    });
  }

  /**
   * The buyer's page, shown in a browser, says it was seen: a SENT offer becomes VIEWED, once. Returns
   * false when the link is unknown or has expired.
   */
  boolean recordView(String token) {
    return Boolean.TRUE.equals(tx.execute(s -> markViewed(token)));
  }

  private boolean markViewed(String token) {
    Optional<Offer> found = liveOffer(token);
    if (found.isEmpty()) {
      return false;
    }
    Offer offer = found.get();
    if (offer.stage() == OfferStage.SENT) {
      Instant now = clock.instant();
      Offer viewed = offer.withStage(OfferStage.VIEWED, now);
      if (offers.update(viewed)) {
        offers.record(viewed, OfferStage.VIEWED, "purchase instructions opened", null, "buyer", now,
            "offer:" + offer.id() + ":viewed");
        team.notify(new org.offerdesk.app.notifications.TeamNotice(offer.organizationId(),
            org.offerdesk.app.notifications.NotificationType.OFFER_VIEWED,
            offer.terms().name(), "The buyer opened the purchase instructions.",
            "/offers/" + offer.id(), Map.of("Offer", offer.terms().name(),
                "Buyers", String.join(", ", offer.terms().buyerAccountIds())), "offer-viewed:" + offer.id()));
      }
    }
    return true;
  }

  private Optional<Offer> liveOffer(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    return offers.findByViewToken(token).filter(o -> ViewLinks.isLive(o, securityClock.now(), linkGrace));
  }

  /** Where the buyer accepts: AWS Marketplace's procurement page, or the sandbox's buyer console. */
  String marketplaceUrl(Offer offer) {
    if (offer.marketplaceOfferId() == null) {
      return null;
    }
    return marketplace.connection(offer.organizationId())
        .filter(c -> c.endpointOverride() != null)
        .map(c -> c.endpointOverride().toString().replaceAll("/$", "") + "/sandbox/buyer/offers/"
            + offer.marketplaceOfferId())
        .orElse("https://aws.amazon.com/marketplace/procurement?productId=" + offer.terms().productId()
            + "&offerId=" + offer.marketplaceOfferId());
  }

  private Map<String, Object> model(Offer offer, String sellerName, String note) {
    OfferTerms t = offer.terms();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", t.name());
    o.put("product", listings.find(offer.organizationId(), t.productId()).map(Listing::title).orElse(t.productId()));
    o.put("buyers", String.join(", ", t.buyerAccountIds()));
    o.put("total", MoneyFormat.display(t.contractTotal().orElse(null)));
    o.put("currency", t.currency());
    o.put("term", t.durationMonths() != null ? t.durationMonths() + " months"
        : t.serviceStartDate() + " to " + t.serviceEndDate());
    o.put("expiresOn", String.valueOf(t.expiresOn()));
    List<Map<String, Object>> schedule = new ArrayList<>();
    t.paymentSchedule().forEach(i -> schedule.add(Map.of("dueOn", i.dueOn().toString(),
        "amount", MoneyFormat.display(i.amount(), t.currency()))));
    o.put("schedule", schedule);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("sellerName", sellerName);
    model.put("offer", o);
    model.put("viewUrl", publicUrl + "/o/" + offer.viewToken());
    if (note != null && !note.isBlank()) {
      model.put("note", note.strip());
    }
    return model;
  }
}
