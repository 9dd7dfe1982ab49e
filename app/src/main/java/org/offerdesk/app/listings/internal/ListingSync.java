package org.offerdesk.app.listings.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.ListingState;
import org.offerdesk.app.marketplace.MarketplaceCalls;
import org.offerdesk.app.marketplace.MarketplaceCatalog;
import org.offerdesk.app.marketplace.MarketplaceCatalog.EntitySummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Brings an organization's SaaS products from its marketplace account into its listings. */
@Service
record ListingSync(MarketplaceCatalog catalog, ListingStore store, ObjectMapper mapper, TransactionTemplate tx,
    Clock clock) {

  /** What a sync found. */
  record SyncResult(int products, int added, int updated, Instant at) {}

  SyncResult sync(UUID organizationId) {
    List<Listing> found = MarketplaceCalls.call("Syncing listings", () -> fetch(organizationId));
    Instant now = clock.instant();
    int[] counts = new int[2];
    tx.executeWithoutResult(status -> {
      for (Listing listing : found) {
        boolean inserted = store.upsertFromMarketplace(listing);
        counts[inserted ? 0 : 1]++;
      }
    });
    return new SyncResult(found.size(), counts[0], counts[1], now);
  }

  private List<Listing> fetch(UUID organizationId) {
    List<Listing> listings = new ArrayList<>();
    catalog.eachOwnEntity(organizationId, "SaaSProduct", summary ->
        listings.add(toListing(organizationId, summary, catalog.entity(organizationId, summary.id()))));
    return listings;
  }

  private Listing toListing(UUID organizationId, EntitySummary summary, MarketplaceCatalog.Entity entity) {
    JsonNode details;
    try {
      details = mapper.readTree(entity.details() == null ? "{}" : entity.details());
    } catch (IOException e) {
      throw new IllegalStateException("The marketplace sent unreadable product details for " + summary.id(), e);
    }
    JsonNode description = details.path("Description");
    String title = text(description, "ProductTitle", summary.name());
    String visibility = text(description, "Visibility", summary.visibility());
    List<Listing.Dimension> dimensions = new ArrayList<>();
    for (JsonNode d : details.path("Dimensions")) {
      List<String> types = new ArrayList<>();
      d.path("Types").forEach(t -> types.add(t.asText()));
      dimensions.add(new Listing.Dimension(d.path("Key").asText(), text(d, "Name", d.path("Key").asText()),
          text(d, "Unit", null), types));
    }
    String fulfillmentUrl = null;
    for (JsonNode version : details.path("Versions")) {
      for (JsonNode option : version.path("DeliveryOptions")) {
        if (option.hasNonNull("FulfillmentUrl")) {
          fulfillmentUrl = option.get("FulfillmentUrl").asText();
        }
      }
    }
    return new Listing(organizationId, summary.id(), title, text(description, "ProductCode", null),
        ListingState.fromVisibility(visibility), dimensions, fulfillmentUrl, Listing.Template.empty(),
        clock.instant());
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? fallback : value.asText();
  }
}
