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
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceCalls;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeEntityResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.EntitySummary;
import software.amazon.awssdk.services.marketplacecatalog.model.ListEntitiesRequest;
import software.amazon.awssdk.services.marketplacecatalog.model.ListEntitiesResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.OwnershipType;

/** Brings an organization's SaaS products from its marketplace account into its listings. */
@Service
class ListingSync {

  /** What a sync found. */
  record SyncResult(int products, int added, int updated, Instant at) {}

  private final Marketplace marketplace;
  private final ListingStore store;
  private final ObjectMapper mapper;
  private final TransactionTemplate tx;
  private final Clock clock;

  ListingSync(Marketplace marketplace, ListingStore store, ObjectMapper mapper, TransactionTemplate tx, Clock clock) {
    this.marketplace = marketplace;
    this.store = store;
    this.mapper = mapper;
    this.tx = tx;
    this.clock = clock;
  }

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
    MarketplaceCatalogClient catalog = marketplace.catalog(organizationId);
    List<Listing> listings = new ArrayList<>();
    String next = null;
    do {
      ListEntitiesResponse page = catalog.listEntities(ListEntitiesRequest.builder().catalog("AWSMarketplace")
          .entityType("SaaSProduct").ownershipType(OwnershipType.SELF).maxResults(50).nextToken(next).build());
      for (EntitySummary summary : page.entitySummaryList()) {
        DescribeEntityResponse entity = catalog.describeEntity(r -> r.catalog("AWSMarketplace")
            .entityId(summary.entityId()));
        listings.add(toListing(organizationId, summary, entity));
      }
      next = page.nextToken();
    } while (next != null && !next.isEmpty());
    return listings;
  }

  private Listing toListing(UUID organizationId, EntitySummary summary, DescribeEntityResponse entity) {
    JsonNode details;
    try {
      details = mapper.readTree(entity.details() == null ? "{}" : entity.details());
    } catch (IOException e) {
      throw new IllegalStateException("The marketplace sent unreadable product details for " + summary.entityId(), e);
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
    return new Listing(organizationId, summary.entityId(), title, text(description, "ProductCode", null),
        ListingState.fromVisibility(visibility), dimensions, fulfillmentUrl, Listing.Template.empty(),
        clock.instant());
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() || value.asText().isBlank() ? fallback : value.asText();
  }
}
