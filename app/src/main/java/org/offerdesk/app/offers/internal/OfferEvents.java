package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.springframework.stereotype.Component;

/**
 * Moves offers on what the marketplace reports: an agreement on an offer accepts it; an agreement that
 * replaces another (an amendment) marks the offer behind the old one REPLACED; a change set's end wakes
 * its tracking. Each fact is recorded once, and stages only move forward, whatever the order of events.
 */
@Component
class OfferEvents implements MarketplaceEventHandler {

  private final OfferStore offers;
  private final OfferTracking tracking;

  OfferEvents(OfferStore offers, OfferTracking tracking) {
    this.offers = offers;
    this.tracking = tracking;
  }

  @Override
  public boolean handles(MarketplaceEvent event) {
    String type = event.detailType();
    return type.startsWith("Purchase Agreement Created - Proposer")
        || type.startsWith("Purchase Agreement Amended - Proposer")
        || type.startsWith("Change Set ");
  }

  @Override
  public void handle(MarketplaceEvent event) {
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
