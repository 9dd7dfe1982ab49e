package org.offerdesk.app.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceAgreements;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.offerdesk.app.offers.OfferSummary;
import org.offerdesk.app.offers.Offers;
import org.offerdesk.app.orders.OrderKind;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.webhooks.Webhooks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an agreement into an order, once: reads it (GetAgreementTerms always; DescribeAgreement unless the event
 * that announced it describes it well enough) through the agreements port, works out its kind, links its offer (associating it when OfferDesk did not make it), links an
 * amendment to the order it replaces, and sets the registration clock running.
 */
@Service
record OrderIntake(Marketplace marketplace, MarketplaceAgreements agreements, OrderStore orders, Offers offers,
    Listings listings, Jobs jobs, TeamNotifications team, Webhooks webhooks,
    org.offerdesk.app.identity.OrganizationNames organizations, TransactionTemplate tx, Clock clock,
    OrderRegistration orderRegistration, OrderLifecycle lifecycle, Renewals renewals, ResellerDeals deals) {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OrderIntake.class);

  static final Duration AUTO_REGISTRATION_DELAY = Duration.ofHours(1);
  static final Duration PUBLIC_DEADLINE = Duration.ofHours(48);
  static final Duration PUBLIC_REMINDER = Duration.ofHours(36);

  /**
   * What an event tells beyond the Agreement API: the reseller's authorization and the replaced agreement; and
   * the agreement itself as the event describes it ({@code reported}, null when it came from elsewhere), which
   * spares the DescribeAgreement call when it names the parties, the offer and the times (the product may come
   * from this organization's own offer). The order's value then comes from the accepted terms (the fallback
   * already used when DescribeAgreement sends no estimated charges).
   */
  record Hints(String resaleAuthorizationId, String previousAgreementId, String cause,
      MarketplaceAgreements.Agreement reported) {
    Hints(String resaleAuthorizationId, String previousAgreementId, String cause) {
      this(resaleAuthorizationId, previousAgreementId, cause, null);
    }

    static Hints none(String cause) {
      return new Hints(null, null, cause);
    }
  }

  /** The order of this agreement, created the first time any source (event, sweep, registration) names it. */
  Order intake(UUID org, String agreementId, Hints hints) {
    Optional<Order> existing = orders.byAgreement(org, agreementId);
    if (existing.isPresent()) {
      return existing.get();
    }
    Prepared prepared = prepare(org, agreementId, hints);
    Order created = make(prepared);
    return afterCommit(created, isNew(created, prepared));
  }

  /**
   * What an agreement's order will be, read from the marketplace (and this organization's offer, associated when
   * OfferDesk did not make it) outside any transaction: the first half of {@link #intake}, which a batch of events
   * runs for its new agreements before its transaction, concurrently. Nothing is written but an offer's
   * association.
   */
  Prepared prepare(UUID org, String agreementId, Hints hints) {
    return prepare(org, agreementId, hints, myAccount(org));
  }

  /** The organization's own AWS account, as its marketplace connection names it (null when not connected). */
  String myAccount(UUID org) {
    return marketplace.connection(org).map(MarketplaceConnection::awsAccountId).orElse(null);
  }

  /** As {@link #prepare(UUID, String, Hints)}, with the organization's account read once for a batch. */
  Prepared prepare(UUID org, String agreementId, Hints hints, String myAccount) {
    MarketplaceAgreements.Agreement reported = hints.reported();
    boolean reportedEnough = reported != null && agreementId.equals(reported.id())
        && reported.proposerAccountId() != null && reported.acceptorAccountId() != null
        && reported.offerId() != null && reported.acceptedAt() != null && reported.startsAt() != null;
    MarketplaceAgreements.Agreement agreement = reportedEnough ? reported : agreements.agreement(org, agreementId);
    // The terms are always the marketplace's: what the buyer accepted is never taken from anywhere else.
    AcceptedTerms terms = AcceptedTerms.of(agreements.acceptedTerms(org, agreementId));

    String proposer = agreement.proposerAccountId();
    String acceptor = agreement.acceptorAccountId();
    String offerId = agreement.offerId();
    boolean reseller = organizations.kindOf(org).orElse(OrganizationKind.SELLER) == OrganizationKind.RESELLER;
    boolean partner = reseller || hints.resaleAuthorizationId() != null
        || (proposer != null && myAccount != null && !proposer.equals(myAccount));
    // Only the proposer can read the offer: link (or associate) it when it is this organization's own.
    Optional<OfferSummary> offer = offerId != null && proposer != null && proposer.equals(myAccount)
        ? offers.findOrAssociate(org, offerId, "order intake") : Optional.empty();
    String productId = agreement.productId();
    if (productId == null && agreement == reported) {
      // The event named no product: the offer's own is the agreement's, when the offer is this organization's;
      // otherwise the Agreement API says.
      productId = offer.map(OfferSummary::productId).orElse(null);
      if (productId == null) {
        agreement = agreements.agreement(org, agreementId);
        productId = agreement.productId();
      }
    }
    String previous = hints.previousAgreementId() != null ? hints.previousAgreementId()
        : offer.map(OfferSummary::sourceAgreementId).orElse(null);
    OrderKind kind;
    if (partner) {
      kind = OrderKind.PARTNER;
    } else if (previous != null || offer.map(o -> o.type().name().equals("AMENDMENT")).orElse(false)) {
      kind = OrderKind.AMENDMENT;
    } else if (offer.isPresent()) {
      kind = OrderKind.DIRECT;
    } else {
      kind = OrderKind.PUBLIC;
    }
    Optional<Listing> listing = productId == null ? Optional.empty() : listings.find(org, productId);
    String currency = agreement.currency() != null ? agreement.currency() : terms.currency();
    Money tcv = agreement.value() != null ? MoneyFormat.of(agreement.value(), currency)
        : terms.totalContractValue(currency);
    Instant now = clock.instant();
    Instant acceptedAt = agreement.acceptedAt() == null ? now : agreement.acceptedAt();
    Order order = new Order(UUID.randomUUID(), org, kind, OrderStatus.PENDING_REGISTRATION, agreementId, offerId,
        offer.map(OfferSummary::id).orElse(null), productId, listing.map(Listing::productCode).orElse(null), acceptor,
        proposer, hints.resaleAuthorizationId(), null, null, tcv, terms, acceptedAt, agreement.startsAt(),
        agreement.endsAt(), null, kind == OrderKind.PUBLIC ? acceptedAt.plus(PUBLIC_DEADLINE) : null, List.of(), null,
        null, 0, now, now);
    return new Prepared(order, offer, listing, previous, hints.cause());
  }

  /** An order as {@link #prepare} worked it out, to be made by {@link #make}. */
  record Prepared(Order order, Optional<OfferSummary> offer, Optional<Listing> listing, String previous,
      String cause) {}

  /**
   * The second half of {@link #intake}: makes the prepared order, with its history, registration clock, notice and
   * webhook, in the caller's transaction when there is one (a batch of events), else in one of its own; or answers
   * the agreement's order made meanwhile. No marketplace call.
   */
  Order make(Prepared p) {
    return make(p, null);
  }

  /**
   * As {@link #make}; with {@code news}, the new order's notice and {@code order.created} webhook are added to it
   * rather than written now, for a batch of events to write all of its orders' at once before it commits.
   */
  Order make(Prepared p, News news) {
    return tx.execute(status -> create(p.order(), p.offer(), p.listing(), p.previous(), p.cause(), news));
  }

  /** New orders' notices and webhook events, to be written together ({@link #make(Prepared, News)}). */
  record News(List<TeamNotice> notices, List<Webhooks.Event> events) {
    News() {
      this(new java.util.ArrayList<>(), new java.util.ArrayList<>());
    }
  }

  /** Whether {@code made}, an answer of {@link #make}, is the order it made (not one made before it). */
  static boolean isNew(Order made, Prepared p) {
    return made.id().equals(p.order().id());
  }

  /**
   * Once a new order committed: the license may have been announced before the order existed, so the entitlements
   * are read now (no marketplace call inside a transaction); a License Updated event that arrived early also waits
   * for the order and is applied then. The order just made is passed on as it is (not read again), and read again
   * only when the entitlements changed its row.
   */
  Order afterCommit(Order created, boolean isNew) {
    if (!isNew) {
      return created;
    }
    try {
      if (!lifecycle.entitlementsChanged(created)) {
        return created;
      }
    } catch (RuntimeException e) {
      log.warn("Could not read the entitlements of new order {} yet: {}", created.id(), e.toString());
    }
    return orders.find(created.organizationId(), created.id()).orElseThrow();
  }

  private Order create(Order order, Optional<OfferSummary> offer, Optional<Listing> listing, String previous,
      String cause, News news) {
    if (!orders.insert(order)) {
      return orders.byAgreement(order.organizationId(), order.agreementId()).orElseThrow();
    }
    Instant now = order.createdAt();
    // An amendment and the agreement it replaces may be made concurrently, in either order: each finds the other
    // under this lock, or after the other committed.
    orders.lockReplacement(order.organizationId(), order.agreementId(), previous);
    orders.record(order, order.status(), "agreement created", order.agreementId() + " (" + cause + ")", "marketplace",
        now, "order:" + order.id() + ":created");
    Order current = order;
    if (previous != null) {
      // Remembered on the order: when the replaced agreement has no order yet, its order is linked when made.
      orders.rememberReplaces(current, previous);
      current = replace(current, previous, now);
    }
    if (offer.map(OfferSummary::renewal).orElse(false)) {
      // Booked as a renewal, on the order's own row for the dashboard's aggregates.
      orders.markRenewal(current);
    }
    Order renewing = current;
    offer.ifPresent(o -> renewals.linkRenewal(renewing, o));
    offer.filter(o -> order.kind() == OrderKind.PARTNER).flatMap(o -> offers.resellerDeal(order.organizationId(),
        o.id(), order.terms().quantities())).ifPresent(d -> deals.insert(order.organizationId(), order.id(), d, now));
    scheduleRegistrationClock(current);
    Map<String, String> facts = facts(current, offer, listing);
    TeamNotice notice = new TeamNotice(current.organizationId(), NotificationType.NEW_ORDER,
        facts.getOrDefault("Product", current.productId()) + " for " + current.buyerAccountId(),
        kindText(current.kind()) + " order worth " + facts.get("Total contract value") + ".",
        "/orders/" + current.id(), facts, "new-order:" + current.id());
    Webhooks.Event created = new Webhooks.Event("order.created", "order.created:" + current.id(),
        OrderView.of(current, List.of()));
    if (news != null) {
      news.notices().add(notice);
      news.events().add(created);
    } else {
      team.notify(notice);
      webhooks.publish(current.organizationId(), created.eventType(), created.eventId(), created.data());
    }
    orderRegistration.attachSubmitted(current);
    // The amendment that replaces this agreement may have been made first (its event handled before this
    // agreement's Created): the replacement is applied now, as it would have been then, and this order ends.
    Optional<Order> amendment = orders.unlinkedReplacementOf(current.organizationId(), current.agreementId());
    amendment.ifPresent(a -> replace(a, order.agreementId(), now));
    if (news != null && previous == null && amendment.isEmpty() && !offer.map(OfferSummary::renewal).orElse(false)) {
      // In a batch the order made is answered as it was inserted, not read again: the batch reads only its ID and
      // product code, which nothing above changes (a registration attached to it may change its status).
      return current;
    }
    return orders.find(current.organizationId(), current.id()).orElseThrow();
  }

  /**
   * Links an amendment's order to the order of the agreement it replaced, which ends; when that agreement has no
   * order yet, nothing happens here and {@link #create} links the two when it makes the older order.
   */
  private Order replace(Order newer, String previousAgreementId, Instant now) {
    Optional<Order> old = orders.byAgreement(newer.organizationId(), previousAgreementId);
    if (old.isEmpty()) {
      return newer;
    }
    Order linked = new Order(newer.id(), newer.organizationId(), newer.kind(), newer.status(), newer.agreementId(),
        newer.marketplaceOfferId(), newer.offerId(), newer.productId(), newer.productCode(), newer.buyerAccountId(),
        newer.proposerAccountId(), newer.resaleAuthorizationId(), old.get().id(), null,
        newer.totalContractValue(), newer.terms(), newer.acceptedAt(), newer.startsAt(), newer.endsAt(),
        newer.registration(), newer.registrationDeadline(), newer.flags(), null, null, newer.version(),
        newer.createdAt(), now);
    if (!orders.update(linked)) {
      throw new IllegalStateException("Order " + newer.id() + " changed while it was linked");
    }
    Order before = old.get().replacedBy(newer.id(), now);
    Order ended = before.status().canMoveTo(OrderStatus.ENDED) ? before.withStatus(OrderStatus.ENDED, now) : before;
    if (!orders.update(ended)) {
      throw new IllegalStateException("Order " + old.get().id() + " changed while it was replaced");
    }
    orders.record(ended, ended.status(), "replaced by an amendment", "order " + newer.id() + ", agreement "
        + newer.agreementId() + (ended.registration() == null ? "; it needs no registration" : ""), "marketplace",
        now, "order:" + ended.id() + ":replaced");
    RegistrationJobs.stop(jobs, ended.id());
    orders.record(linked, linked.status(), "amends an earlier order", "order " + ended.id() + ", agreement "
        + previousAgreementId, "marketplace", now, "order:" + linked.id() + ":amends");
    team.notify(new TeamNotice(newer.organizationId(), NotificationType.ORDER_AMENDED,
        newer.buyerAccountId() + " moved to agreement " + newer.agreementId(), "Agreement " + previousAgreementId + " was replaced by "
        + newer.agreementId() + ".", "/orders/" + newer.id(), Map.of("Replaced order", ended.id().toString(),
        "New agreement", newer.agreementId()), "order-amended:" + newer.id()));
    webhooks.publish(newer.organizationId(), "order.amended", "order.amended:" + newer.id(),
        Map.of("orderId", newer.id(), "replacesOrderId", ended.id(), "agreementId", newer.agreementId(),
            "previousAgreementId", previousAgreementId));
    webhooks.publish(newer.organizationId(), "order.ended", "order.ended:" + ended.id(),
        Map.of("orderId", ended.id(), "agreementId", previousAgreementId, "reason", "REPLACED"));
    return linked;
  }

  private void scheduleRegistrationClock(Order order) {
    if (order.kind().isPrivate()) {
      jobs.schedule(RegistrationJobs.AUTO_REGISTER, order.organizationId(), Map.of("orderId", order.id().toString()),
          order.acceptedAt().plus(AUTO_REGISTRATION_DELAY), RegistrationJobs.AUTO_REGISTER + ":" + order.id());
    } else {
      jobs.schedule(RegistrationJobs.DEADLINE_NEAR, order.organizationId(), Map.of("orderId", order.id().toString()),
          order.acceptedAt().plus(PUBLIC_REMINDER), RegistrationJobs.DEADLINE_NEAR + ":" + order.id());
      jobs.schedule(RegistrationJobs.DEADLINE_PASSED, order.organizationId(),
          Map.of("orderId", order.id().toString()), order.registrationDeadline(),
          RegistrationJobs.DEADLINE_PASSED + ":" + order.id());
    }
  }

  static Map<String, String> facts(Order o, Optional<OfferSummary> offer, Optional<Listing> listing) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Kind", kindText(o.kind()));
    facts.put("Buyer AWS account", o.buyerAccountId());
    listing.ifPresent(l -> facts.put("Product", l.title()));
    facts.put("Total contract value", MoneyFormat.display(o.totalContractValue()));
    facts.put("Agreement", o.agreementId());
    offer.ifPresent(of -> {
      facts.put("Offer", of.name());
      of.bookingMetadata().forEach((k, v) -> facts.put("Booking: " + k, String.valueOf(v)));
      of.contractMetadata().forEach((k, v) -> facts.put("Contract: " + k, String.valueOf(v)));
    });
    if (o.resaleAuthorizationId() != null) {
      facts.put("Resale authorization", o.resaleAuthorizationId());
    }
    return facts;
  }

  static String kindText(OrderKind kind) {
    return switch (kind) {
      case PUBLIC -> "Public";
      case DIRECT -> "Direct private offer";
      case AMENDMENT -> "Amendment";
      case PARTNER -> "Partner (CPPO)";
    };
  }
}
