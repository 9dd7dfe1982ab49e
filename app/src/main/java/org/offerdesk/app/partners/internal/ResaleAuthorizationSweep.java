package org.offerdesk.app.partners.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.marketplace.ConnectedOrganizationsWork;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceCatalog;
import org.offerdesk.app.partners.ResaleAuthorizationStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows each granted authorization on the marketplace, since no event announces its changes: its
 * single use taken (CONSUMED), its end date passed (EXPIRED), or restricted outside OfferDesk
 * (DEACTIVATED). Moves only forward.
 */
@Component
class ResaleAuthorizationSweep extends ConnectedOrganizationsWork {

  static final String KIND = "partners.resale-authorization-sweep";

  private final ResaleAuthorizationStore store;
  private final MarketplaceCatalog catalog;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ObjectMapper mapper;

  ResaleAuthorizationSweep(Marketplace marketplace, ResaleAuthorizationStore store, MarketplaceCatalog catalog,
      Clock clock, TransactionTemplate tx, ObjectMapper mapper,
      @Value("${offerdesk.partners.authorization-sweep-interval:${offerdesk.partners.sweep-interval:PT5M}}") Duration interval) {
    super(marketplace, KIND, interval, 2);
    this.store = store;
    this.catalog = catalog;
    this.clock = clock;
    this.tx = tx;
    this.mapper = mapper;
  }

  @Override
  public void handle(Job job) {
    sweep(job.organizationId());
  }

  void sweep(UUID organizationId) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (ResaleAuthorization ra : store.withStatus(organizationId,
        List.of(ResaleAuthorizationStatus.AUTHORIZED, ResaleAuthorizationStatus.CONSUMED))) {
      ResaleAuthorizationStatus next = next(ra, today);
      if (next != ra.status()) {
        tx.executeWithoutResult(s -> {
          Instant now = clock.instant();
          ResaleAuthorization moved = ra.withStatus(next, now);
          if (store.update(moved)) {
            store.record(moved, "seen " + next.name().toLowerCase() + " on the marketplace", ra.marketplaceId(),
                "marketplace", now, "resale:" + ra.id() + ":" + next.name().toLowerCase());
          }
        });
      }
    }
  }

  private ResaleAuthorizationStatus next(ResaleAuthorization ra, LocalDate today) {
    LocalDate end = ra.terms().availability().endsOn();
    if (end != null && end.isBefore(today)) {
      return ResaleAuthorizationStatus.EXPIRED;
    }
    JsonNode d = details(ra);
    if ("Restricted".equalsIgnoreCase(d.path("Status").asText())) {
      return ResaleAuthorizationStatus.DEACTIVATED;
    }
    if ("Completed-Used".equalsIgnoreCase(d.path("OfferDetails").path("OfferExtendedStatus").asText())
        && ra.status().canMoveTo(ResaleAuthorizationStatus.CONSUMED)) {
      return ResaleAuthorizationStatus.CONSUMED;
    }
    return ra.status();
  }

  private JsonNode details(ResaleAuthorization ra) {
    MarketplaceCatalog.Entity entity = catalog.entity(ra.organizationId(), ra.marketplaceId());
    try {
      return mapper.readTree(entity.details() == null ? "{}" : entity.details());
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable details of " + ra.marketplaceId(), e);
    }
  }
}
