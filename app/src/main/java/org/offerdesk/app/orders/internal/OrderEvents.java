package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.offerdesk.app.jobs.RetryLater;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.springframework.stereotype.Component;

/**
 * What the marketplace's events mean for orders: an agreement (created or amended) becomes an order, an
 * ended agreement ends it, and a license update passes entitlements on (a reseller's released offer on
 * the seller's product is the offers capability's). An end or a license update that arrives before its
 * agreement's order waits for the order ({@link RetryLater}); it is never dropped.
 */
@Component
record OrderEvents(OrderIntake intake, OrderLifecycle lifecycle) implements MarketplaceEventHandler {

  @Override
  public boolean handles(MarketplaceEvent e) {
    String t = e.detailType();
    return t.startsWith("Purchase Agreement Created") || t.startsWith("Purchase Agreement Amended")
        || t.startsWith("Purchase Agreement Ended") || t.startsWith("License Updated");
  }

  @Override
  public void handle(MarketplaceEvent e) {
    JsonNode d = e.detail();
    String agreementId = d.path("agreement").path("id").asText(null);
    String t = e.detailType();
    if (t.startsWith("Purchase Agreement Created") || t.startsWith("Purchase Agreement Amended")) {
      String ra = d.path("resaleAuthorization").path("id").asText(null);
      String previous = d.path("agreement").path("previousAgreementId").asText(null);
      intake.intake(e.organizationId(), agreementId, new OrderIntake.Hints(ra, previous, "event " + t));
    } else if (t.startsWith("Purchase Agreement Ended")) {
      if (!lifecycle.agreementEnded(e.organizationId(), agreementId,
          d.path("agreement").path("status").asText("ENDED"))) {
        throw waitForOrder(agreementId);
      }
    } else if (t.startsWith("License Updated")) {
      if (!lifecycle.entitlementsChanged(e.organizationId(), agreementId)) {
        throw waitForOrder(agreementId);
      }
    }
  }

  /**
   * An event about an agreement whose order OfferDesk does not have yet (its Created event is late, or the
   * sweep has not imported it): the event is kept and handled again, with back-off, until the order exists.
   */
  private static RetryLater waitForOrder(String agreementId) {
    return new RetryLater(Duration.ofSeconds(2), "no order yet for agreement " + agreementId);
  }
}
