package org.offerdesk.app.offers.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** What a deal desk does to offers: create, edit, clone, publish, withdraw and reissue. */
@Service
class OfferCommands {

  private static final SecureRandom random = new SecureRandom();

  private final OfferStore offers;
  private final Listings listings;
  private final MetadataFields fields;
  private final Jobs jobs;
  private final AuditLog audit;
  private final Clock clock;
  private final OfferExpiry expiry;
  private final PartnerOfferStore partners;
  private final OfferApprovals approvals;
  private final TransactionTemplate tx;

  OfferCommands(OfferStore offers, Listings listings, MetadataFields fields, Jobs jobs, AuditLog audit, Clock clock,
      OfferExpiry expiry, PartnerOfferStore partners, OfferApprovals approvals, TransactionTemplate tx) {
    this.approvals = approvals;
    this.tx = tx;
    this.expiry = expiry;
    this.partners = partners;
    this.offers = offers;
    this.listings = listings;
    this.fields = fields;
    this.jobs = jobs;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  Offer create(Caller caller, OfferInput input) {
    if (input.type() != null && input.type() != OfferType.DIRECT) {
      throw new InvalidInput("type", "must be DIRECT here; amendments start from an accepted offer (POST "
          + "/api/v1/offers/{id}/amend); PARTNER offers name their resaleAuthorizationId");
    }
    OfferTerms terms = input.toTerms();
    validate(caller, terms);
    Instant now = clock.instant();
    Offer offer = new Offer(UUID.randomUUID(), caller.organizationId(), OfferType.DIRECT, OfferStage.DRAFT, terms,
        null, null, 0, 0, caller.describe(), null, null, null, null, List.of(), newViewToken(), now, now);
    offers.insert(offer);
    offers.record(offer, OfferStage.DRAFT, "created", null, caller.describe(), now, null);
    audit.record(caller, "offer.created", describe(offer), null);
    return offer;
  }

  @Transactional
  Offer update(Caller caller, UUID id, OfferInput input) {
    Offer offer = get(caller, id);
    checkVersion(offer, input.version());
    OfferTerms terms = input.toTerms();
    Instant now = clock.instant();
    if (offer.stage().isDraft()) {
      validate(caller, terms);
      Offer updated = offer.withTerms(terms, now);
      save(updated);
      offers.record(updated, updated.stage(), "edited", null, caller.describe(), now, null);
      approvals.edited(caller, updated, now);
      audit.record(caller, "offer.edited", describe(updated), null);
      return get(caller, id);
    }
    if (offer.stage().isOpen() && offer.type() == OfferType.PARTNER) {
      throw new Conflict("A released partner offer cannot be edited; withdraw it and clone it instead");
    }
    if (offer.stage().isOpen()) {
      return editReleased(caller, offer, terms, now);
    }
    if (offer.stage().isAccepted()) {
      throw new Conflict("This offer was accepted and can no longer be "
          + "edited; amend its agreement instead: POST /api/v1/offers/" + id + "/amend");
    }
    throw new Conflict("An offer that is " + offer.stage() + " cannot be edited");
  }

  /**
   * A released offer can change only what the marketplace allows after release (name, description,
   * expiry) and OfferDesk's own metadata; buyers, pricing, schedule and legal terms are frozen, and the
   * way to change them is to withdraw the offer and reissue a corrected copy.
   */
  private Offer editReleased(Caller caller, Offer offer, OfferTerms terms, Instant now) {
    OfferTerms before = offer.terms();
    List<String> frozen = frozenChanges(before, terms);
    if (!frozen.isEmpty()) {
      List<FieldError> errors = frozen.stream().map(f -> new FieldError(f,
          "is frozen once the offer is on the marketplace; withdraw and reissue it: POST /api/v1/offers/"
              + offer.id() + "/reissue")).toList();
      throw new Conflict("These fields cannot change on a released offer: " + String.join(", ", frozen)
              + ". Withdraw it and reissue a corrected copy (POST /api/v1/offers/" + offer.id() + "/reissue)", errors);
    }
    List<FieldError> errors = new ArrayList<>(OfferRules.check(terms,
        listings.find(caller.organizationId(), terms.productId()), fields.of(caller.organizationId()), today()));
    errors.removeIf(e -> e.field().startsWith("paymentSchedule") || e.field().startsWith("serviceStartDate"));
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    Offer updated = offer.withTerms(terms, now);
    save(updated);
    boolean marketplaceChange = !Objects.equals(before.name(), terms.name())
        || !Objects.equals(before.description(), terms.description())
        || !Objects.equals(before.expiresOn(), terms.expiresOn());
    offers.record(updated, updated.stage(), "edited",
        marketplaceChange ? "sent to the marketplace" : "OfferDesk metadata only", caller.describe(), now, null);
    if (!Objects.equals(before.expiresOn(), terms.expiresOn())) {
      expiry.schedule(updated);
    }
    if (marketplaceChange) {
      String token = UUID.randomUUID().toString();
      jobs.scheduleNow(OfferPublishing.EDIT, offer.organizationId(),
          Map.of("offerId", offer.id().toString(), "token", token, "before", OfferPublishing.toJson(before)),
          OfferPublishing.EDIT + ":" + token);
    }
    audit.record(caller, "offer.edited", describe(updated), marketplaceChange ? "released offer" : "metadata");
    return get(caller, offer.id());
  }

  static List<String> frozenChanges(OfferTerms a, OfferTerms b) {
    List<String> frozen = new ArrayList<>();
    if (!Objects.equals(a.productId(), b.productId())) {
      frozen.add("productId");
    }
    if (!Objects.equals(a.buyerAccountIds(), b.buyerAccountIds())) {
      frozen.add("buyerAccountIds");
    }
    if (!Objects.equals(a.currency(), b.currency()) || a.pricingModel() != b.pricingModel()
        || !samePrices(a.dimensions(), b.dimensions())) {
      frozen.add("dimensions");
    }
    if (!sameSchedule(a.paymentSchedule(), b.paymentSchedule())) {
      frozen.add("paymentSchedule");
    }
    if (!Objects.equals(a.durationMonths(), b.durationMonths())
        || !Objects.equals(a.serviceStartDate(), b.serviceStartDate())
        || !Objects.equals(a.serviceEndDate(), b.serviceEndDate())) {
      frozen.add("durationMonths");
    }
    if (!Objects.equals(a.eula(), b.eula())) {
      frozen.add("eula");
    }
    if (!Objects.equals(a.refundPolicy(), b.refundPolicy())) {
      frozen.add("refundPolicy");
    }
    return frozen;
  }

  private static boolean samePrices(List<OfferTerms.PricedDimension> a, List<OfferTerms.PricedDimension> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      OfferTerms.PricedDimension x = a.get(i);
      OfferTerms.PricedDimension y = b.get(i);
      if (!Objects.equals(x.key(), y.key()) || !Objects.equals(x.quantity(), y.quantity())
          || x.unitPrice() == null || y.unitPrice() == null || x.unitPrice().compareTo(y.unitPrice()) != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameSchedule(List<OfferTerms.Installment> a, List<OfferTerms.Installment> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Objects.equals(a.get(i).dueOn(), b.get(i).dueOn())
          || a.get(i).amount().compareTo(b.get(i).amount()) != 0) {
        return false;
      }
    }
    return true;
  }

  @Transactional
  Offer cloneOffer(Caller caller, UUID id) {
    Offer source = get(caller, id);
    Instant now = clock.instant();
    OfferTerms terms = source.terms().withName(cloneName(source.terms().name()));
    Offer copy = new Offer(UUID.randomUUID(), caller.organizationId(), source.type() == OfferType.AMENDMENT
        ? OfferType.DIRECT : source.type(), OfferStage.DRAFT, terms, null, null, 0, 0, caller.describe(),
        source.id(), null, null, null, List.of(), newViewToken(), now, now);
    offers.insert(copy);
    if (source.type() == OfferType.PARTNER) {
      partners.copy(source.organizationId(), source.id(), copy.id());
    }
    offers.record(copy, OfferStage.DRAFT, "cloned", "from " + source.terms().name() + " (" + source.id() + ")",
        caller.describe(), now, null);
    audit.record(caller, "offer.cloned", describe(copy), "from " + source.id());
    return copy;
  }

  /**
   * Publishes a draft the caller has read: the list prices an approval rule may need are read first, outside the
   * transaction (a marketplace call), then {@link #publishNow} runs in one.
   */
  Offer publish(Caller caller, Offer read, Integer version) {
    // The list prices from the terms the caller just read (the API's and the page's read): the transaction reads the
    // offer again, and a change in between fails its save.
    OfferApprovals.Pricing pricing = approvals.pricing(caller.organizationId(), read.terms());
    return tx.execute(s -> publishNow(caller, read.id(), version, pricing));
  }

  /** In the caller's transaction: checks the draft and the approval rules, and schedules the publish job. */
  private Offer publishNow(Caller caller, UUID id, Integer version, OfferApprovals.Pricing pricing) {
    Offer offer = get(caller, id);
    checkVersion(offer, version);
    if (!offer.stage().isDraft()) {
      throw new Conflict("Only a draft (or an offer whose publishing failed) can be published; this one is "
          + offer.stage());
    }
    // A partner offer's terms come from its resale authorization, checked against it before this.
    // The organization's metadata fields read once, for both checks.
    List<MetadataField> orgFields = fields.of(caller.organizationId());
    List<FieldError> errors = new ArrayList<>(offer.type() == OfferType.PARTNER ? List.of()
        : validationErrors(caller, offer.terms(), orgFields));
    errors.addAll(OfferRules.checkForPublish(offer.terms(), orgFields));
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    approvals.requireApproval(offer, pricing);
    Instant now = clock.instant();
    Offer publishing = offer.publishing(now);
    save(publishing);
    offers.record(publishing, OfferStage.PUBLISHING, "publish requested", "revision " + publishing.revision(),
        caller.describe(), now, null);
    jobs.scheduleNow(OfferPublishing.PUBLISH, offer.organizationId(),
        Map.of("offerId", offer.id().toString(), "revision", publishing.revision()),
        OfferPublishing.PUBLISH + ":" + offer.id() + ":" + publishing.revision());
    audit.record(caller, "offer.published", describe(publishing), "revision " + publishing.revision());
    return publishing.saved();
  }

  /** Withdraws an offer: a draft is simply cancelled; a released one has its availability ended now. */
  @Transactional
  Offer cancel(Caller caller, UUID id) {
    Offer offer = get(caller, id);
    if (!offer.stage().canMoveTo(OfferStage.CANCELLED)) {
      throw new Conflict("An offer that is " + offer.stage() + " cannot be withdrawn"
          + (offer.stage().isAccepted() ? "; it was accepted: amend or end its agreement instead" : ""));
    }
    Instant now = clock.instant();
    boolean released = offer.stage().isOpen();
    Offer cancelled = offer.withStage(OfferStage.CANCELLED, now);
    save(cancelled);
    offers.record(cancelled, OfferStage.CANCELLED, "withdrawn",
        released ? "availability ended on the marketplace" : "draft discarded", caller.describe(), now, null);
    if (released) {
      jobs.scheduleNow(OfferPublishing.WITHDRAW, offer.organizationId(), Map.of("offerId", offer.id().toString()),
          OfferPublishing.WITHDRAW + ":" + offer.id());
    }
    audit.record(caller, "offer.withdrawn", describe(offer), null);
    return get(caller, id);
  }

  /**
   * Withdraws a released offer and publishes a corrected copy in its place, linked to it: the way to
   * change what the marketplace freezes after release.
   */
  Offer reissue(Caller caller, UUID id, OfferInput corrected) {
    OfferApprovals.Pricing pricing = approvals.pricing(caller.organizationId(), corrected.toTerms());
    return tx.execute(s -> reissueNow(caller, id, corrected, pricing));
  }

  private Offer reissueNow(Caller caller, UUID id, OfferInput corrected, OfferApprovals.Pricing pricing) {
    Offer old = get(caller, id);
    if (!old.stage().isOpen()) {
      throw new Conflict("Only a released, not yet accepted offer can be reissued; this one is " + old.stage());
    }
    if (old.type() == OfferType.PARTNER) {
      throw new Conflict("A partner offer is not reissued: withdraw it and clone it instead");
    }
    OfferTerms terms = corrected.toTerms();
    validate(caller, terms);
    Instant now = clock.instant();
    Offer copy = new Offer(UUID.randomUUID(), caller.organizationId(), old.type(), OfferStage.DRAFT, terms, null,
        null, 0, 0, caller.describe(), null, old.id(), old.sourceAgreementId(), null, List.of(), newViewToken(), now,
        now);
    offers.insert(copy);
    offers.record(copy, OfferStage.DRAFT, "reissued", "corrects " + old.terms().name() + " (" + old.id() + ")",
        caller.describe(), now, null);
    cancel(caller, id);
    offers.record(old, OfferStage.CANCELLED, "replaced by a reissued offer", copy.id().toString(),
        caller.describe(), now, null);
    return publishNow(caller, copy.id(), null, pricing);
  }

  Offer get(Caller caller, UUID id) {
    return offers.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Offer " + id));
  }

  private void validate(Caller caller, OfferTerms terms) {
    List<FieldError> errors = validationErrors(caller, terms);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
  }

  /** What the offer rules find wrong with the terms, against the listing and the organization's fields. */
  List<FieldError> validationErrors(Caller caller, OfferTerms terms) {
    return validationErrors(caller, terms, fields.of(caller.organizationId()));
  }

  private List<FieldError> validationErrors(Caller caller, OfferTerms terms, List<MetadataField> orgFields) {
    return OfferRules.check(terms, terms.productId() == null ? java.util.Optional.empty()
        : listings.find(caller.organizationId(), terms.productId()), orgFields, today());
  }

  private void checkVersion(Offer offer, Integer version) {
    if (version != null && version != offer.version()) {
      throw new Conflict("The offer was changed by someone else since you loaded it (version "
          + offer.version() + ", yours " + version + "); reload and try again");
    }
  }

  private void save(Offer offer) {
    if (!offers.update(offer)) {
      throw new Conflict("The offer was changed by someone else at the same time; reload and try again");
    }
  }

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  static String describe(Offer offer) {
    return "offer " + offer.terms().name() + " (" + offer.id() + ")";
  }

  private static String cloneName(String name) {
    String base = name == null ? "offer" : name;
    String copy = "Copy of " + base;
    return copy.length() > 150 ? copy.substring(0, 150) : copy;
  }

  static String newViewToken() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
