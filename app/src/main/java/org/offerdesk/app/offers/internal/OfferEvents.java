package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves offers on what the marketplace reports: an agreement on an offer accepts it; an agreement that
 * replaces another (an amendment) marks the offer behind the old one REPLACED; a change set's end wakes
 * its tracking. Each fact is recorded once, and stages only move forward, whatever the order of events.
 */
@Component
record OfferEvents(OfferStore offers, OfferTracking tracking, TransactionTemplate tx) implements MarketplaceEventHandler {

  @Override
  public boolean handles(MarketplaceEvent event) {
    String type = event.detailType();
    return type.startsWith("Purchase Agreement Created - Proposer")
        || type.startsWith("Purchase Agreement Amended - Proposer")
        || type.startsWith("Change Set ");
  }

  /** Nothing here calls out: a batch of events handles these in its transaction (this one's joins it). */
  @Override
  public boolean batches(MarketplaceEvent event) {
    return handles(event);
  }

  @Override
  public void handle(MarketplaceEvent event) {
    // Events are handled outside a transaction (other handlers call the marketplace): this one's writes
    // are one transaction of their own, so a retry finds them all done or none.
    tx.executeWithoutResult(s -> apply(event));
  }

  private void apply(MarketplaceEvent event) {
    JsonNode d = event.detail();
    if (event.detailType().startsWith("Change Set ")) {
      String changeSetId = d.path("ChangeSetId").asText(null);
      if (changeSetId != null) {
        tracking.changeSetEnded(event.organizationId(), changeSetId);
      }
      return;
    }
    String offerId = d.path("offer").path("id").asText(null);
    String agreementId = d.path("agreement").path("id").asText(null);
    if (offerId == null || agreementId == null) {
      return;
    }
    String previous = d.path("agreement").path("previousAgreementId").asText(null);
    tracking.accepted(event.organizationId(), offerId, agreementId, event.time(), "event " + event.detailType());
    if (previous != null && !previous.isBlank()) {
      tracking.replaced(event.organizationId(), previous, agreementId, event.time(), "event " + event.detailType());
    }
  }

}
