package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.marketplace.ConnectedOrganizationsWork;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceCatalog;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.offerdesk.app.marketplace.ResultPage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Catches the partner offers whose {@code Offer Released} event was lost or is late: lists the released
 * offers resellers made on the ISV's products (shared with it as manufacturer) and records each OfferDesk
 * does not have with its marketplace ID yet, as the event would have.
 */
@Component
class PartnerOfferSweep extends ConnectedOrganizationsWork {

  static final String KIND = "offers.partner-offer-sweep";

  private final Marketplace marketplace;
  private final MarketplaceCatalog catalog;
  private final OfferStore offers;
  private final PartnerOfferTracking tracking;
  private final ObjectMapper mapper;

  PartnerOfferSweep(Marketplace marketplace, MarketplaceCatalog catalog, OfferStore offers,
      PartnerOfferTracking tracking, ObjectMapper mapper,
      @Value("${offerdesk.partners.sweep-interval:PT5M}") Duration interval) {
    super(marketplace, KIND, interval, 2);
    this.marketplace = marketplace;
    this.catalog = catalog;
    this.offers = offers;
    this.tracking = tracking;
    this.mapper = mapper;
  }

  @Override
  public void handle(Job job) {
    UUID org = job.organizationId();
    String mine = marketplace.connection(org).map(MarketplaceConnection::awsAccountId).orElse(null);
    List<String> unknown = new ArrayList<>();
    ResultPage.forEach(next -> catalog.sharedEntities(org, "Offer", next), s -> {
      if (offers.findByMarketplaceId(org, s.id()).isEmpty()) {
        unknown.add(s.id());
      }
    });
    for (String offerId : unknown) {
      JsonNode d = details(org, offerId);
      if (!"Released".equalsIgnoreCase(d.path("State").asText()) || !d.hasNonNull("ResaleAuthorizationId")) {
        continue;
      }
      List<String> buyers = new ArrayList<>();
      LocalDate expires = null;
      for (JsonNode rule : d.path("Rules")) {
        rule.path("PositiveTargeting").path("BuyerAccounts").forEach(b -> buyers.add(b.asText()));
        if (rule.hasNonNull("AvailabilityEndDate")) {
          expires = LocalDate.ofInstant(Instant.parse(rule.get("AvailabilityEndDate").asText()), ZoneOffset.UTC);
        }
      }
      tracking.released(org, new PartnerOfferTracking.Released(offerId, d.path("Name").asText(offerId),
          d.path("ProductId").asText(null), null, d.get("ResaleAuthorizationId").asText(), null, null, buyers,
          expires, "partner offer sweep" + (mine == null ? "" : " of " + mine)));
    }
  }

  private JsonNode details(UUID org, String offerId) {
    try {
      String details = catalog.entity(org, offerId).details();
      return mapper.readTree(details == null ? "{}" : details);
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable details of offer " + offerId, e);
    }
  }
}
