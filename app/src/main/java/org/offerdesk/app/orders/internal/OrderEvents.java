package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.offerdesk.app.jobs.RetryLater;
import org.offerdesk.app.marketplace.MarketplaceAgreements;
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
      intake.intake(e.organizationId(), agreementId, new OrderIntake.Hints(ra, previous, "event " + t,
          reported(d)));
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
   * The agreement as a Created or Amended event describes it (EventBridge's agreement detail: parties, offer,
   * product when named, times); no estimated charges, which only DescribeAgreement reports.
   */
  static MarketplaceAgreements.Agreement reported(JsonNode d) {
    JsonNode a = d.path("agreement");
    return new MarketplaceAgreements.Agreement(a.path("id").asText(null), a.path("status").asText(null),
        d.path("proposer").path("accountId").asText(null), d.path("acceptor").path("accountId").asText(null),
        d.path("offer").path("id").asText(null), d.path("product").path("id").asText(null), null, null,
        time(a.path("acceptanceTime")), time(a.path("startTime")), time(a.path("endTime")));
  }

  private static Instant time(JsonNode node) {
    try {
      return node.isTextual() ? Instant.parse(node.asText()) : null;
    } catch (DateTimeParseException e) {
      return null;
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
