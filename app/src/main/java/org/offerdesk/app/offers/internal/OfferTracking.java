package org.offerdesk.app.offers.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.marketplace.ChangeSetAnnouncements;
import org.offerdesk.app.offers.OfferStage;
import org.springframework.stereotype.Service;

/**
 * The stage moves the marketplace causes, from events or from polling, in one place. Each is keyed on
 * its fact (the agreement, the change set), so the same fact from an event and from a poll, or twice
 * from the queue, changes the offer once.
 */
@Service
record OfferTracking(OfferStore offers, Jobs jobs, Clock clock, ChangeSetAnnouncements announcements) {

  /**
   * An agreement was created on the offer: it is ACCEPTED (unless it is already further along), and REPLACED at
   * once when an amendment replaced that agreement before this was known.
   */
  void accepted(UUID org, String marketplaceOfferId, String agreementId, Instant at, String cause) {
    offers.lockAgreement(org, agreementId);
    Optional<Offer> found = offers.findByMarketplaceId(org, marketplaceOfferId);
    if (found.isEmpty()) {
      return; // made outside OfferDesk and not associated: orders still pick the agreement up
    }
    Offer offer = found.get();
    String key = "agreement:" + agreementId + ":accepted";
    if (offers.recorded(key) || !offer.stage().canMoveTo(OfferStage.ACCEPTED)) {
      return;
    }
    Instant now = clock.instant();
    Offer accepted = offer.accepted(agreementId, now);
    if (!offers.update(accepted)) {
      throw new IllegalStateException("Offer " + offer.id() + " changed while it was accepted");
    }
    offers.record(accepted, OfferStage.ACCEPTED, "accepted by the buyer", agreementId + " (" + cause
        + (at == null ? "" : ", accepted at " + at) + ")", "marketplace", now, key);
    // The amendment that replaced this agreement may have been reported first: it is applied now.
    offers.replacementOf(org, agreementId)
        .ifPresent(r -> replaced(org, agreementId, r.byAgreementId(), at, r.cause()));
  }

  /**
   * An agreement was replaced by an amendment: the offer behind the old agreement is REPLACED, now or, when no
   * offer has that agreement yet, once one is accepted with it ({@link #accepted}).
   */
  void replaced(UUID org, String oldAgreementId, String newAgreementId, Instant at, String cause) {
    offers.lockAgreement(org, oldAgreementId);
    Optional<Offer> found = offers.findByAgreement(org, oldAgreementId);
    if (found.isEmpty()) {
      // No offer was accepted with it yet (its Created may come later): the offer accepted with it is
      // REPLACED then. An agreement no offer of OfferDesk's has leaves only this row.
      offers.rememberReplaced(org, oldAgreementId, newAgreementId, cause, clock.instant());
      return;
    }
    Offer offer = found.get();
    String key = "agreement:" + oldAgreementId + ":replaced";
    if (offers.recorded(key) || !offer.stage().canMoveTo(OfferStage.REPLACED)) {
      return;
    }
    Instant now = clock.instant();
    Offer replaced = offer.withStage(OfferStage.REPLACED, now);
    if (!offers.update(replaced)) {
      throw new IllegalStateException("Offer " + offer.id() + " changed while it was replaced");
    }
    offers.record(replaced, OfferStage.REPLACED, "replaced by an amendment", newAgreementId + " (" + cause + ")",
        "marketplace", now, key);
  }

  /** A change set ended: look at it now rather than at the tracking job's next poll. */
  void changeSetEnded(UUID org, String changeSetId) {
    announcements.heard(org);
    jobs.expedite(OfferPublishing.TRACK + ":" + changeSetId);
  }
}
