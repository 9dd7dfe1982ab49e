package org.offerdesk.app.partners.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.partners.ResaleAuthorizationStatus;
import org.offerdesk.app.partners.ResaleAuthorizations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link ResaleAuthorizations} from the store: the link partner offers make to what the ISV granted. */
@Component
record GrantedAuthorizations(ResaleAuthorizationStore store, Clock clock, TransactionTemplate tx) implements ResaleAuthorizations {

  @Override
  public Optional<Granted> byMarketplaceId(UUID organizationId, String marketplaceResaleAuthorizationId) {
    return store.findByMarketplaceId(organizationId, marketplaceResaleAuthorizationId).map(ra -> new Granted(
        ra.id(), ra.marketplaceId(), ra.terms().name(), ra.terms().productId(), ra.terms().resellerAccountId(),
        ra.terms().buyerAccountIds(), ra.terms().currency(), ra.wholesaleValue(), ra.terms().pricing() == null ? null
        : ra.terms().pricing().durationMonths(), ra.terms().availability().endsOn(), ra.status()));
  }

  @Override
  public Map<String, UUID> idsByMarketplaceIds(UUID organizationId, List<String> marketplaceResaleAuthorizationIds) {
    return marketplaceResaleAuthorizationIds.isEmpty() ? Map.of()
        : store.idsByMarketplaceIds(organizationId, marketplaceResaleAuthorizationIds);
  }

  @Override
  public void offerMade(UUID organizationId, String marketplaceResaleAuthorizationId, String cause) {
    tx.executeWithoutResult(s -> consume(organizationId, marketplaceResaleAuthorizationId, cause));
  }

  private void consume(UUID organizationId, String marketplaceResaleAuthorizationId, String cause) {
    store.findByMarketplaceId(organizationId, marketplaceResaleAuthorizationId)
        .filter(ra -> ra.terms().availability().type() == ResaleTerms.AvailabilityType.SINGLE_USE)
        .filter(ra -> ra.status().canMoveTo(ResaleAuthorizationStatus.CONSUMED))
        .ifPresent(ra -> {
          Instant now = clock.instant();
          ResaleAuthorization consumed = ra.withStatus(ResaleAuthorizationStatus.CONSUMED, now);
          if (store.update(consumed)) {
            store.record(consumed, "single use taken", cause, "marketplace", now, "resale:" + ra.id() + ":consumed");
          }
        });
  }
}
