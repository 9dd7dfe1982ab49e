package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.offerdesk.app.jobs.RetryLater;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.springframework.stereotype.Component;

/**
 * What the marketplace's events mean for orders: an agreement (created or amended) becomes an order, an
 * ended agreement ends it, a license update passes entitlements on, and a reseller's released offer on
 * the seller's product is announced to the seller's team. An end or a license update that arrives before
 * its agreement's order waits for the order ({@link RetryLater}); it is never dropped.
 */
@Component
record OrderEvents(OrderIntake intake, OrderLifecycle lifecycle, TeamNotifications team,
    Marketplace marketplace) implements MarketplaceEventHandler {

  @Override
  public boolean handles(MarketplaceEvent e) {
    String t = e.detailType();
    return t.startsWith("Purchase Agreement Created") || t.startsWith("Purchase Agreement Amended")
        || t.startsWith("Purchase Agreement Ended") || t.startsWith("License Updated") || t.equals("Offer Released");
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
    } else if (t.equals("Offer Released")) {
      partnerOfferReleased(e);
    }
  }

  /**
   * An event about an agreement whose order OfferDesk does not have yet (its Created event is late, or the
   * sweep has not imported it): the event is kept and handled again, with back-off, until the order exists.
   */
  private static RetryLater waitForOrder(String agreementId) {
    return new RetryLater(Duration.ofSeconds(2), "no order yet for agreement " + agreementId);
  }

  /** A reseller released an offer on this seller's product: Partner Offer Extended. */
  private void partnerOfferReleased(MarketplaceEvent e) {
    JsonNode d = e.detail();
    String manufacturer = d.path("manufacturer").path("accountId").asText("");
    String sellerOfRecord = d.path("sellerOfRecord").path("accountId").asText("");
    String mine = marketplace.connection(e.organizationId()).map(MarketplaceConnection::awsAccountId).orElse("");
    if (manufacturer.equals(sellerOfRecord) || !manufacturer.equals(mine)) {
      return;
    }
    String offerId = d.path("offer").path("id").asText();
    String reseller = d.path("sellerOfRecord").path("name").asText(sellerOfRecord);
    team.notify(new TeamNotice(e.organizationId(), NotificationType.PARTNER_OFFER_EXTENDED,
        reseller + " released \"" + d.path("offer").path("name").asText(offerId) + "\"", reseller + " released offer \"" + d.path("offer").path("name")
        .asText(offerId) + "\" on " + d.path("product").path("title").asText("your product") + ".", "/orders",
        Map.of("Reseller", reseller + " (" + sellerOfRecord + ")", "Offer", offerId,
            "Product", d.path("product").path("title").asText(""),
            "Buyers", iterate(d.path("targetedBuyerAccountIds"))),
        "partner-offer:" + offerId));
  }

  private static String iterate(JsonNode array) {
    StringBuilder sb = new StringBuilder();
    array.forEach(n -> sb.append(sb.isEmpty() ? "" : ", ").append(n.asText()));
    return sb.toString();
  }
}
