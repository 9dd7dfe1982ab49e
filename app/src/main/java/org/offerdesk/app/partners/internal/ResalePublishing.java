package org.offerdesk.app.partners.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.jobs.RetryLater;
import org.offerdesk.app.marketplace.ChangeSetLooks;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceCatalog;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ChangeSet;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ChangeSetRequest;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ChangeSummary;
import org.offerdesk.app.marketplace.MarketplaceRejection;
import org.offerdesk.app.partners.ResaleAuthorizationStatus;
import org.offerdesk.app.runtime.SecurityClock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carries resale authorizations to the marketplace in durable jobs: works out the wholesale prices (from
 * the list prices for a discount), submits the one change set with a token derived from the authorization
 * and its publish attempt (a retry never grants twice), follows it to its end, and deactivates. Marketplace
 * calls are made outside transactions; what they answered is recorded in one.
 */
@Component
record ResalePublishing(ResaleAuthorizationStore store, MarketplaceCatalog catalog, Jobs jobs, Clock clock,
    /* The wall clock, for a change set's age: the business clock may be moved, a change set's pace is not. */
    SecurityClock wall, TransactionTemplate tx) {

  static final String PUBLISH = "partners.publish-resale-authorization";
  static final String TRACK = "partners.track-resale-change-set";
  static final String RESTRICT = "partners.restrict-resale-authorization";
  static final Duration POLL = Duration.ofMillis(500);

  /** Why a change set was sent, which decides what its outcome does. */
  enum Purpose { PUBLISH, RESTRICT }

  void publish(UUID organizationId, UUID id, int revision) {
    Optional<ResaleAuthorization> found = store.find(organizationId, id);
    if (found.isEmpty() || found.get().status() != ResaleAuthorizationStatus.PUBLISHING
        || found.get().revision() != revision) {
      return; // superseded or already done
    }
    ResaleAuthorization ra = found.get();
    String changeSetId;
    List<ResaleTerms.WholesaleDimension> prices;
    try {
      prices = wholesalePrices(ra);
      if (prices.isEmpty()) {
        fail(ra, List.of(new ResaleAuthorization.PublishError("pricing.discountPercent", "NO_LIST_PRICES",
            "The product has no public offer with contract list prices to discount")), "no list prices");
        return;
      }
      changeSetId = catalog.startChangeSet(organizationId, ResaleChangeSets.publish(ra, prices));
    } catch (MarketplaceRejection e) {
      if (e.retryable()) {
        throw e;
      }
      fail(ra, List.of(new ResaleAuthorization.PublishError("resaleAuthorization", e.codeOr(String.valueOf(e.status())),
          e.detail())), "refused by the marketplace");
      return;
    } catch (Marketplace.NotConnected e) {
      fail(ra, List.of(new ResaleAuthorization.PublishError("resaleAuthorization", "NOT_CONNECTED", e.getMessage())),
          "not connected");
      return;
    }
    tx.executeWithoutResult(s -> {
      Instant now = clock.instant();
      ResaleAuthorization submitted = ra.submitted(changeSetId, prices, now);
      if (!store.update(submitted)) {
        throw new IllegalStateException("Resale authorization " + id + " changed while it was submitted");
      }
      store.record(submitted, "change set submitted", changeSetId, "marketplace", now,
          "resale-changeset:" + changeSetId + ":submitted");
      track(organizationId, id, changeSetId, Purpose.PUBLISH);
    });
  }

  /** The prices to grant: as given, or each list price less the discount. */
  private List<ResaleTerms.WholesaleDimension> wholesalePrices(ResaleAuthorization ra) {
    ResaleTerms.Pricing p = ra.terms().pricing();
    if (!p.byDiscount()) {
      return p.dimensions();
    }
    return catalog.listPrices(ra.organizationId(), ra.terms().productId())
        .map(list -> ResaleChangeSets.discounted(list, p.durationMonths(), p.discountPercent()))
        .orElse(List.of());
  }

  void restrict(UUID organizationId, UUID id) {
    ResaleAuthorization ra = store.find(organizationId, id).orElse(null);
    if (ra == null || ra.marketplaceId() == null || ra.status() == ResaleAuthorizationStatus.DEACTIVATED) {
      return;
    }
    ChangeSetRequest request = ResaleChangeSets.restrict(ra);
    String changeSetId = catalog.startChangeSet(organizationId, request);
    tx.executeWithoutResult(s -> track(organizationId, id, changeSetId, Purpose.RESTRICT));
  }

  private void track(UUID organizationId, UUID id, String changeSetId, Purpose purpose) {
    jobs.schedule(TRACK, organizationId, Map.of("id", id.toString(), "changeSetId", changeSetId,
        "purpose", purpose.name(), "submittedAt", wall.now().toString()), clock.instant().plus(ChangeSetLooks.first()),
        TRACK + ":" + changeSetId);
  }

  /** Follows one change set to its end; until then the job waits and looks again. */
  void follow(UUID organizationId, UUID id, String changeSetId, Purpose purpose, Instant submittedAt) {
    ResaleAuthorization ra = store.find(organizationId, id).orElse(null);
    if (ra == null) {
      return;
    }
    ChangeSet cs = catalog.changeSet(organizationId, changeSetId);
    switch (cs.status()) {
      case PREPARING, APPLYING -> throw new RetryLater(ChangeSetLooks.next(submittedAt, wall.now(), POLL),
          "change set " + changeSetId + " is " + cs.statusText());
      case SUCCEEDED -> tx.executeWithoutResult(s -> succeeded(ra, cs, purpose));
      case FAILED, CANCELLED -> tx.executeWithoutResult(s -> failed(ra, cs, purpose));
      default -> throw new IllegalStateException("Unknown change set status " + cs.statusText());
    }
  }

  private void succeeded(ResaleAuthorization ra, ChangeSet cs, Purpose purpose) {
    Instant now = clock.instant();
    String key = "resale-changeset:" + cs.id() + ":succeeded";
    if (purpose == Purpose.RESTRICT) {
      if (ra.status().canMoveTo(ResaleAuthorizationStatus.DEACTIVATED)) {
        ResaleAuthorization deactivated = ra.withStatus(ResaleAuthorizationStatus.DEACTIVATED, now);
        save(deactivated);
        store.record(deactivated, "deactivated on the marketplace", cs.id(), "marketplace", now, key);
      }
      return;
    }
    if (ra.status() != ResaleAuthorizationStatus.PUBLISHING || !cs.id().equals(ra.changeSetId())) {
      return;
    }
    String marketplaceId = cs.changes().stream().filter(c -> ResaleChangeSets.CREATE.equals(c.changeType()))
        .map(ChangeSummary::entityIdentifier).findFirst().map(ResalePublishing::withoutRevision)
        .orElseThrow(() -> new IllegalStateException("Change set " + cs.id() + " created no resale authorization"));
    ResaleAuthorization authorized = ra.authorized(marketplaceId, now);
    save(authorized);
    store.record(authorized, "granted on the marketplace", marketplaceId, "marketplace", now, key);
  }

  private void failed(ResaleAuthorization ra, ChangeSet cs, Purpose purpose) {
    List<ResaleAuthorization.PublishError> errors = errors(cs);
    if (purpose == Purpose.RESTRICT) {
      store.record(ra, "deactivation refused by the marketplace", summary(errors), "marketplace", clock.instant(),
          "resale-changeset:" + cs.id() + ":failed");
      return;
    }
    if (ra.status() == ResaleAuthorizationStatus.PUBLISHING && cs.id().equals(ra.changeSetId())) {
      failInTransaction(ra, errors, "change set " + cs.statusText().toLowerCase());
    }
  }

  private void fail(ResaleAuthorization ra, List<ResaleAuthorization.PublishError> errors, String cause) {
    tx.executeWithoutResult(s -> failInTransaction(ra, errors, cause));
  }

  private void failInTransaction(ResaleAuthorization ra, List<ResaleAuthorization.PublishError> errors,
      String cause) {
    Instant now = clock.instant();
    ResaleAuthorization failed = ra.failed(errors, now);
    save(failed);
    store.record(failed, cause, summary(errors), "marketplace", now, null);
  }

  private void save(ResaleAuthorization ra) {
    if (!store.update(ra)) {
      throw new IllegalStateException("Resale authorization " + ra.id() + " changed meanwhile");
    }
  }

  /** The marketplace's errors, each next to the field it concerns. */
  static List<ResaleAuthorization.PublishError> errors(ChangeSet cs) {
    List<ResaleAuthorization.PublishError> errors = new ArrayList<>();
    for (ChangeSummary change : cs.changes()) {
      for (MarketplaceCatalog.ChangeError e : change.errors()) {
        String field = ResaleChangeSets.FIELD_OF_CODE.getOrDefault(e.code(),
            ResaleChangeSets.FIELD_OF_CHANGE.getOrDefault(change.changeType(), "resaleAuthorization"));
        errors.add(new ResaleAuthorization.PublishError(field, e.code(), e.message()));
      }
    }
    if (errors.isEmpty()) {
      errors.add(new ResaleAuthorization.PublishError("resaleAuthorization",
          cs.failureCode() == null ? cs.statusText() : cs.failureCode(),
          cs.failureDescription() == null ? "The change set ended " + cs.statusText().toLowerCase()
              : cs.failureDescription()));
    }
    return errors;
  }

  private static String summary(List<ResaleAuthorization.PublishError> errors) {
    return String.join("; ", errors.stream().map(e -> e.field() + ": " + e.code() + " " + e.message()).toList());
  }

  private static String withoutRevision(String identifier) {
    int at = identifier.indexOf('@');
    return at < 0 ? identifier : identifier.substring(0, at);
  }
}
