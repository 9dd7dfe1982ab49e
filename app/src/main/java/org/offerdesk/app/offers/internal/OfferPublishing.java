package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.jobs.RetryLater;
import org.offerdesk.app.marketplace.ChangeSetAnnouncements;
import org.offerdesk.app.marketplace.ChangeSetLooks;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceCatalog;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ChangeSet;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ChangeSetRequest;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ChangeSummary;
import org.offerdesk.app.marketplace.MarketplaceRejection;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.runtime.SecurityClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries offers to the marketplace in durable jobs: submits each change set with a token derived from
 * the offer and its revision (a retry after a crash or a throttle never makes a second offer), then
 * follows the change set until it succeeds or fails, and moves the offer accordingly.
 */
@Component
record OfferPublishing(OfferStore offers, PartnerOfferStore partners, MarketplaceCatalog catalog, Jobs jobs, Clock clock,
    OfferExpiry expiry,
    /* The wall clock, for a change set's age: the business clock may be moved, a change set's pace is not. */
    SecurityClock wall,
    /* Records what the marketplace answered; the call itself is never made inside it. */
    TransactionTemplate tx,
    /* Whether a change set's end comes as an event too, which spaces the looks further apart. */
    ChangeSetAnnouncements announcements) {

  static final String PUBLISH = "offers.publish";
  static final String TRACK = "offers.track-change-set";
  static final String EDIT = "offers.edit";
  static final String WITHDRAW = "offers.withdraw";
  static final Duration POLL = Duration.ofMillis(500);
  /** The change types that make the offer a change set publishes. */
  static final java.util.Set<String> CREATES_OFFER = java.util.Set.of("CreateOffer", "CreateReplacementOffer",
      "CreateOfferUsingResaleAuthorization");

  private static final Logger log = LoggerFactory.getLogger(OfferPublishing.class);
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Why a change set was sent, which decides what its outcome does to the offer. */
  enum Purpose { PUBLISH, EDIT, WITHDRAW }

  static String toJson(OfferTerms terms) {
    try {
      return JSON.writeValueAsString(terms);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static OfferTerms termsFromJson(String json) {
    try {
      return JSON.readValue(json, OfferTerms.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  void publish(UUID organizationId, UUID offerId, int revision) {
    Optional<Offer> found = offers.find(organizationId, offerId);
    if (found.isEmpty() || found.get().stage() != OfferStage.PUBLISHING || found.get().revision() != revision) {
      return; // superseded: withdrawn, republished, or already done
    }
    Offer offer = found.get();
    ChangeSetRequest request = offer.type() == org.offerdesk.app.offers.OfferType.PARTNER
        ? PartnerOfferChangeSets.publish(offer, partners.find(organizationId, offerId).orElseThrow())
        : OfferChangeSets.publish(offer, today());
    String changeSetId;
    try {
      changeSetId = catalog.startChangeSet(offer.organizationId(), request);
    } catch (MarketplaceRejection e) {
      if (e.retryable()) {
        throw e;
      }
      // The marketplace refused the request outright: nothing was created, the seller must fix it.
      tx.executeWithoutResult(s -> fail(offer, List.of(new Offer.PublishError(fieldNamedIn(e.detail(),
          offer.terms()), e.codeOr(String.valueOf(e.status())), e.detail())), "refused by the marketplace"));
      return;
    } catch (Marketplace.NotConnected e) {
      tx.executeWithoutResult(s -> fail(offer, List.of(new Offer.PublishError("offer", "NOT_CONNECTED",
          e.getMessage())), "not connected"));
      return;
    }
    tx.executeWithoutResult(s -> submitted(offer, changeSetId));
  }

  private void submitted(Offer offer, String changeSetId) {
    UUID offerId = offer.id();
    Instant now = clock.instant();
    Offer submitted = offer.withChangeSet(changeSetId, now);
    if (!offers.update(submitted)) {
      throw new IllegalStateException("Offer " + offerId + " changed while its change set was submitted");
    }
    offers.record(submitted, OfferStage.PUBLISHING, "change set submitted", changeSetId, "marketplace", now,
        "changeset:" + changeSetId + ":submitted");
    track(offer, changeSetId, Purpose.PUBLISH, null);
  }

  void track(Offer offer, String changeSetId, Purpose purpose, String beforeJson) {
    Map<String, String> payload = new java.util.HashMap<>(Map.of("offerId", offer.id().toString(),
        "changeSetId", changeSetId, "purpose", purpose.name(), "submittedAt", wall.now().toString()));
    if (beforeJson != null) {
      payload.put("before", beforeJson);
    }
    jobs.schedule(TRACK, offer.organizationId(), payload, clock.instant().plus(ChangeSetLooks.first(announcements.announced(offer.organizationId()))),
        TRACK + ":" + changeSetId);
  }

  /** Follows one change set to its end; until then the job waits and looks again. */
  void followChangeSet(UUID organizationId, UUID offerId, String changeSetId, Purpose purpose,
      String beforeJson, Instant submittedAt) {
    Offer offer = offers.find(organizationId, offerId).orElse(null);
    if (offer == null) {
      return;
    }
    ChangeSet cs = catalog.changeSet(offer.organizationId(), changeSetId);
    switch (cs.status()) {
      case PREPARING, APPLYING -> throw new RetryLater(ChangeSetLooks.next(submittedAt, wall.now(), POLL,
          announcements.announced(organizationId)),
          "change set " + changeSetId + " is " + cs.statusText());
      case SUCCEEDED -> tx.executeWithoutResult(s -> succeeded(offer, cs, purpose));
      case FAILED, CANCELLED -> tx.executeWithoutResult(s -> failed(offer, cs, purpose, beforeJson));
      default -> throw new IllegalStateException("Unknown change set status " + cs.statusText());
    }
  }

  private void succeeded(Offer offer, ChangeSet cs, Purpose purpose) {
    Instant now = clock.instant();
    String key = "changeset:" + cs.id() + ":succeeded";
    switch (purpose) {
      case PUBLISH -> {
        if (offer.stage() != OfferStage.PUBLISHING || !cs.id().equals(offer.changeSetId())) {
          return;
        }
        String offerId = cs.changes().stream()
            .filter(c -> CREATES_OFFER.contains(c.changeType()))
            .map(ChangeSummary::entityIdentifier)
            .findFirst().map(OfferPublishing::withoutRevision)
            .orElseThrow(() -> new IllegalStateException("Change set " + cs.id() + " created no offer"));
        Offer sent = offer.sent(offerId, now);
        if (!offers.update(sent)) {
          throw new IllegalStateException("Offer " + offer.id() + " changed while publishing completed");
        }
        offers.record(sent, OfferStage.SENT, "released on the marketplace", offerId, "marketplace", now, key);
        expiry.schedule(sent);
      }
      case EDIT -> offers.record(offer, offer.stage(), "edit applied on the marketplace", cs.id(),
          "marketplace", now, key);
      case WITHDRAW -> offers.record(offer, offer.stage(), "availability ended on the marketplace", cs.id(),
          "marketplace", now, key);
    }
  }

  private void failed(Offer offer, ChangeSet cs, Purpose purpose, String beforeJson) {
    List<Offer.PublishError> errors = errors(cs);
    Instant now = clock.instant();
    String key = "changeset:" + cs.id() + ":" + cs.statusText().toLowerCase();
    switch (purpose) {
      case PUBLISH -> {
        if (offer.stage() == OfferStage.PUBLISHING && cs.id().equals(offer.changeSetId())) {
          fail(offer, errors, "change set " + cs.statusText().toLowerCase());
        }
      }
      case EDIT -> {
        // The marketplace kept the old values: so does OfferDesk.
        OfferTerms before = termsFromJson(beforeJson);
        OfferTerms current = offer.terms();
        OfferTerms reverted = new OfferTerms(current.productId(), before.name(), before.description(),
            current.buyerAccountIds(), current.currency(), current.pricingModel(), current.dimensions(),
            current.durationMonths(), current.serviceStartDate(), current.serviceEndDate(), current.paymentSchedule(),
            before.expiresOn(), current.eula(), current.refundPolicy(), current.autoRenew(), current.metadata());
        Offer back = offer.withTerms(reverted, now);
        if (!offers.update(back)) {
          throw new IllegalStateException("Offer " + offer.id() + " changed while its edit failed");
        }
        offers.record(back, back.stage(), "edit refused by the marketplace", summary(errors), "marketplace", now, key);
      }
      case WITHDRAW -> {
        offers.record(offer, offer.stage(), "withdrawal refused by the marketplace", summary(errors), "marketplace",
            now, key);
        throw new IllegalStateException("The marketplace refused to end offer " + offer.marketplaceOfferId()
            + ": " + summary(errors));
      }
    }
  }

  private void fail(Offer offer, List<Offer.PublishError> errors, String cause) {
    Instant now = clock.instant();
    Offer failed = offer.failed(errors, now);
    if (!offers.update(failed)) {
      throw new IllegalStateException("Offer " + offer.id() + " changed while publishing failed");
    }
    offers.record(failed, OfferStage.PUBLISH_FAILED, cause, summary(errors), "marketplace", now, null);
  }

  void edit(UUID organizationId, UUID offerId, String token, String beforeJson) {
    Offer offer = offers.find(organizationId, offerId).orElse(null);
    if (offer == null || offer.marketplaceOfferId() == null) {
      return;
    }
    ChangeSetRequest request = OfferChangeSets.edit(offer, termsFromJson(beforeJson), token);
    if (request.changes().isEmpty()) {
      return;
    }
    String id = catalog.startChangeSet(offer.organizationId(), request);
    track(offer, id, Purpose.EDIT, beforeJson);
  }

  void withdraw(UUID organizationId, UUID offerId) {
    Offer offer = offers.find(organizationId, offerId).orElse(null);
    if (offer == null || offer.marketplaceOfferId() == null) {
      return;
    }
    String token = UUID.nameUUIDFromBytes(("withdraw:" + offerId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
    String id = catalog.startChangeSet(offer.organizationId(), OfferChangeSets.expire(offer, today(), token));
    track(offer, id, Purpose.WITHDRAW, null);
  }

  static List<Offer.PublishError> errors(ChangeSet cs) {
    List<Offer.PublishError> errors = new ArrayList<>();
    for (ChangeSummary change : cs.changes()) {
      for (MarketplaceCatalog.ChangeError e : change.errors()) {
        errors.add(new Offer.PublishError(OfferChangeSets.FIELD_OF_CHANGE.getOrDefault(change.changeType(), "offer"),
            e.code(), e.message()));
      }
    }
    if (errors.isEmpty()) {
      errors.add(new Offer.PublishError("offer", cs.failureCode() == null ? cs.statusText()
          : cs.failureCode(), cs.failureDescription() == null
          ? "The change set ended " + cs.statusText().toLowerCase() : cs.failureDescription()));
    }
    return errors;
  }

  private static String summary(List<Offer.PublishError> errors) {
    return String.join("; ", errors.stream().map(e -> e.field() + ": " + e.code() + " " + e.message()).toList());
  }

  /** Which field a refusal speaks of, when the marketplace names one of the offer's values. */
  static String fieldNamedIn(String message, OfferTerms t) {
    String m = message == null ? "" : message;
    if (t.productId() != null && m.contains(t.productId())) {
      return "productId";
    }
    if (t.buyerAccountIds().stream().anyMatch(m::contains)) {
      return "buyerAccountIds";
    }
    if (t.dimensions().stream().anyMatch(d -> d.key() != null && m.contains(d.key()))) {
      return "dimensions";
    }
    if (m.contains("AvailabilityEndDate")) {
      return "expiresOn";
    }
    if (m.contains("Schedule") || m.contains("ChargeDate") || m.contains("ChargeAmount")) {
      return "paymentSchedule";
    }
    if (m.contains("Agreement")) {
      return "sourceAgreementId";
    }
    return "offer";
  }

  private static String withoutRevision(String identifier) {
    int at = identifier.indexOf('@');
    return at < 0 ? identifier : identifier.substring(0, at);
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
