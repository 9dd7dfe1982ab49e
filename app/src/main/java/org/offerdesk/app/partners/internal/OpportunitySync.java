package org.offerdesk.app.partners.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.marketplace.MarketplaceCalls;
import org.offerdesk.app.marketplace.SharedAuthorization;
import org.offerdesk.app.marketplace.SharedResaleAuthorizations;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings the resale authorizations shared with a reseller's account into its opportunities. AWS sends no
 * event when an authorization is shared, so the reseller learns of one here: on a schedule and on demand.
 * The marketplace is read first, then everything is written in one transaction, with a notice to the team
 * for each authorization seen for the first time.
 */
@Service
record OpportunitySync(SharedResaleAuthorizations marketplace, OpportunityStore store, TeamNotifications team,
    TransactionTemplate tx, Clock clock) {

  /** What a sync found: how many authorizations are shared, and how many of them are new. */
  record SyncResult(int opportunities, int received, Instant at) {}

  SyncResult sync(UUID organizationId) {
    List<SharedAuthorization> shared = MarketplaceCalls.call("Syncing opportunities", () -> {
      List<SharedAuthorization> found = new ArrayList<>();
      marketplace.eachSharedId(organizationId, id -> found.add(marketplace.describe(organizationId, id)));
      return found;
    });
    Instant now = clock.instant();
    int received = tx.execute(status -> {
      int added = 0;
      for (SharedAuthorization a : shared) {
        if (store.save(organizationId, a, now)) {
          added++;
          team.notify(received(organizationId, a));
        }
      }
      return added;
    });
    return new SyncResult(shared.size(), received, now);
  }

  private static TeamNotice received(UUID organizationId, SharedAuthorization a) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("ISV", a.manufacturerName() == null ? a.manufacturerAccountId()
        : a.manufacturerName() + " (" + a.manufacturerAccountId() + ")");
    facts.put("Product", a.productName() == null ? a.productId() : a.productName());
    facts.put("Buyers", a.buyerAccountIds().isEmpty() ? "any" : String.join(", ", a.buyerAccountIds()));
    facts.put("Available until", a.availabilityEndDate() == null ? "no end date" : a.availabilityEndDate().toString());
    facts.put("Offers allowed", a.offersMaxQuantity() == null ? "any number" : a.offersMaxQuantity().toString());
    return new TeamNotice(organizationId, NotificationType.RESALE_AUTHORIZATION_RECEIVED,
        (a.manufacturerName() == null ? "An ISV" : a.manufacturerName()) + " authorized you to resell "
            + (a.productName() == null ? a.productId() : a.productName()),
        "A new resale authorization, \"" + a.name() + "\": build a partner offer on it.",
        "/partners/opportunities/" + a.id(), facts, "authorization-received:" + a.id());
  }
}
