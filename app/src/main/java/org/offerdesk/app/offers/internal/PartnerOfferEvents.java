package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceCatalog;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.offerdesk.app.marketplace.MarketplaceRejection;
import org.springframework.stereotype.Component;

/**
 * What the marketplace tells an ISV of partner offers on its products: {@code Offer Released} naming
 * another seller of record (a reseller released an offer), and {@code Purchase Agreement Created -
 * Manufacturer} on a resale authorization (a buyer accepted one). The release names no authorization, so
 * the offer is read (it is shared with the manufacturer) to learn it; calls run outside any transaction.
 */
@Component
record PartnerOfferEvents(PartnerOfferTracking tracking, MarketplaceCatalog catalog, Marketplace marketplace,
    ObjectMapper mapper) implements MarketplaceEventHandler {

  @Override
  public boolean handles(MarketplaceEvent e) {
    return e.detailType().equals("Offer Released")
        || e.detailType().equals("Purchase Agreement Created - Manufacturer");
  }

  @Override
  public void handle(MarketplaceEvent e) {
    JsonNode d = e.detail();
    if (e.detailType().equals("Offer Released")) {
      String manufacturer = d.path("manufacturer").path("accountId").asText("");
      String seller = d.path("sellerOfRecord").path("accountId").asText("");
      String mine = marketplace.connection(e.organizationId()).map(MarketplaceConnection::awsAccountId).orElse("");
      if (manufacturer.equals(seller) || !manufacturer.equals(mine)) {
        return;
      }
      List<String> buyers = new ArrayList<>();
      d.path("targetedBuyerAccountIds").forEach(b -> buyers.add(b.asText()));
      String offerId = d.path("offer").path("id").asText();
      String expiration = d.path("offer").path("expirationDate").asText(null);
      tracking.released(e.organizationId(), new PartnerOfferTracking.Released(offerId,
          d.path("offer").path("name").asText(offerId), d.path("product").path("id").asText(null),
          d.path("product").path("title").asText(null), resaleAuthorizationOf(e.organizationId(), offerId), seller,
          d.path("sellerOfRecord").path("name").asText(null), buyers, expiration == null ? null
          : LocalDate.ofInstant(Instant.parse(expiration), ZoneOffset.UTC), "event " + e.detailType()));
      return;
    }
    String ra = d.path("resaleAuthorization").path("id").asText(null);
    if (ra == null) {
      return;
    }
    String acceptedAt = d.path("agreement").path("acceptanceTime").asText(null);
    tracking.accepted(e.organizationId(), new PartnerOfferTracking.Accepted(d.path("agreement").path("id").asText(),
        d.path("offer").path("id").asText(null), ra, d.path("proposer").path("accountId").asText(null),
        d.path("acceptor").path("accountId").asText(null), d.path("product").path("id").asText(null),
        acceptedAt == null ? null : Instant.parse(acceptedAt), "event " + e.detailType()));
  }

  /** The authorization a partner offer is built on, as the offer (shared with the manufacturer) states it. */
  String resaleAuthorizationOf(UUID org, String offerId) {
    try {
      MarketplaceCatalog.Entity offer = catalog.entity(org, offerId);
      return offer.details() == null ? null : mapper.readTree(offer.details()).path("ResaleAuthorizationId")
          .asText(null);
    } catch (MarketplaceRejection e) {
      if (e.unknownOrNotOurs()) {
        return null; // not shown to this manufacturer: the offer is still followed, without its authorization
      }
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable details of offer " + offerId, e);
    }
  }
}
