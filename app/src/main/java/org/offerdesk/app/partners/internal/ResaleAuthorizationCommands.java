package org.offerdesk.app.partners.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.partners.ResaleAuthorizationStatus;
import org.offerdesk.app.web.JsonFieldErrors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What an ISV does to its resale authorizations: create, edit while a draft, publish, deactivate, clone. */
@Service
class ResaleAuthorizationCommands {

  private final ResaleAuthorizationStore store;
  private final Listings listings;
  private final Jobs jobs;
  private final AuditLog audit;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final ResaleApprovals approvals;

  ResaleAuthorizationCommands(ResaleAuthorizationStore store, Listings listings, Jobs jobs, AuditLog audit,
      Clock clock, ObjectMapper mapper, ResaleApprovals approvals) {
    this.approvals = approvals;
    this.store = store;
    this.listings = listings;
    this.jobs = jobs;
    this.audit = audit;
    this.clock = clock;
    this.mapper = mapper;
  }

  @Transactional
  ResaleAuthorization create(Caller caller, ResaleTerms terms) {
    return insert(caller, terms, null, "created");
  }

  /** Changes only the fields the body names (a JSON merge patch over the current terms), while a draft. */
  @Transactional
  ResaleAuthorization patch(Caller caller, UUID id, JsonNode patch) {
    ResaleAuthorization ra = get(caller, id);
    if (!ra.status().isDraft()) {
      throw new Conflict("Resale authorization " + id + " is " + ra.status() + ": a published authorization "
          + "cannot change on the marketplace; deactivate it or clone it instead");
    }
    ResaleTerms terms = merged(ra.terms(), patch);
    check(caller, terms);
    Instant now = clock.instant();
    ResaleAuthorization updated = ra.withTerms(terms, now);
    save(updated);
    store.record(updated, "edited", null, caller.describe(), now, null);
    approvals.edited(caller, updated);
    audit.record(caller, "resale-authorization.edited", describe(updated), null);
    return store.find(caller.organizationId(), id).orElseThrow();
  }

  /** Moves a draft to PUBLISHING and schedules the job that sends its change set. */
  @Transactional
  ResaleAuthorization publish(Caller caller, UUID id) {
    ResaleAuthorization ra = get(caller, id);
    if (!ra.status().isDraft()) {
      throw new Conflict("Resale authorization " + id + " is " + ra.status() + ": only a draft is published");
    }
    check(caller, ra.terms());
    approvals.requireApproval(ra);
    Instant now = clock.instant();
    ResaleAuthorization publishing = ra.publishing(now);
    save(publishing);
    store.record(publishing, "publish requested", null, caller.describe(), now, null);
    jobs.scheduleNow(ResalePublishing.PUBLISH, caller.organizationId(),
        Map.of("id", id.toString(), "revision", publishing.revision()),
        ResalePublishing.PUBLISH + ":" + id + ":" + publishing.revision());
    audit.record(caller, "resale-authorization.published", describe(publishing), null);
    return store.find(caller.organizationId(), id).orElseThrow();
  }

  /** Asks the marketplace to deactivate (restrict) a granted authorization; offers made on it stand. */
  @Transactional
  ResaleAuthorization deactivate(Caller caller, UUID id) {
    ResaleAuthorization ra = get(caller, id);
    if (ra.status() != ResaleAuthorizationStatus.AUTHORIZED && ra.status() != ResaleAuthorizationStatus.CONSUMED) {
      throw new Conflict("Resale authorization " + id + " is " + ra.status() + ": only an authorized one can be "
          + "deactivated");
    }
    Instant now = clock.instant();
    store.record(ra, "deactivation requested", null, caller.describe(), now, "resale:" + id + ":deactivate");
    jobs.scheduleNow(ResalePublishing.RESTRICT, caller.organizationId(), Map.of("id", id.toString()),
        ResalePublishing.RESTRICT + ":" + id);
    audit.record(caller, "resale-authorization.deactivated", describe(ra), null);
    return ra;
  }

  /** A new draft with the same terms, to change and grant again. */
  @Transactional
  ResaleAuthorization cloneOf(Caller caller, UUID id) {
    ResaleAuthorization source = get(caller, id);
    return insert(caller, source.terms(), source.id(), "cloned from " + id);
  }

  ResaleAuthorization get(Caller caller, UUID id) {
    return store.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Resale authorization " + id));
  }

  private ResaleAuthorization insert(Caller caller, ResaleTerms terms, UUID clonedFrom, String cause) {
    if (clonedFrom == null) {
      check(caller, terms);
    }
    Instant now = clock.instant();
    ResaleAuthorization ra = new ResaleAuthorization(UUID.randomUUID(), caller.organizationId(),
        ResaleAuthorizationStatus.DRAFT, terms, List.of(), null, null, 0, 0, List.of(), clonedFrom,
        caller.describe(), now, now);
    store.insert(ra);
    store.record(ra, cause, null, caller.describe(), now, null);
    audit.record(caller, "resale-authorization.created", describe(ra), null);
    return ra;
  }

  private void check(Caller caller, ResaleTerms terms) {
    ResaleAuthorizationRules.check(terms, terms.productId() == null ? java.util.Optional.empty()
        : listings.find(caller.organizationId(), terms.productId()), LocalDate.ofInstant(clock.instant(),
        ZoneOffset.UTC));
  }

  private void save(ResaleAuthorization ra) {
    if (!store.update(ra)) {
      throw new Conflict("Resale authorization " + ra.id() + " was changed meanwhile; reload and try again");
    }
  }

  private ResaleTerms merged(ResaleTerms current, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      throw new InvalidInput("body", "must be a JSON object");
    }
    ObjectNode merged = mapper.valueToTree(current);
    patch.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
    try {
      return mapper.treeToValue(merged, ResaleTerms.class);
    } catch (InvalidFormatException e) {
      throw new InvalidInput(List.of(JsonFieldErrors.of(e)));
    } catch (IOException e) {
      throw new InvalidInput("body", "could not be read: " + e.getMessage().split("\n")[0]);
    }
  }

  static String describe(ResaleAuthorization ra) {
    return "resale authorization " + ra.id() + " (" + ra.terms().name() + ")";
  }
}
