package org.offerdesk.sandbox.datafeeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.offerdesk.sandbox.billing.FeedAccounts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code productfeed_v1}, {@code offerfeed_v1} and {@code offertargetfeed_v1} for each party,
 * from the catalog's entities: its own products and those it is authorized to resell; its released
 * offers and the channel partner offers made on its products. A new revision is a new row. The entities
 * are read once a day for all parties.
 */
@Repository
class CatalogFeedRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final FeedAccounts keys;

  CatalogFeedRows(JdbcTemplate jdbc, FeedAccounts keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  private record EntityRecord(String id, String owner, int revision, Instant changedAt, JsonNode document,
      String sharedWith) {}

  /**
   * The catalog up to {@code until}, in entity ID order: the products and released offers changed before it, and
   * every resale authorization (by ID, and the products each party may resell).
   */
  record Catalog(List<EntityRecord> products, List<EntityRecord> offers, Map<String, EntityRecord> authorizations,
      Map<String, Set<String>> resold) {

    /** The 12-digit accounts the party's catalog rows name, for their keys to be looked up at once. */
    Set<String> accountIds(String owner) {
      Set<String> ids = new HashSet<>();
      products(owner).forEach(p -> ids.add(p.owner()));
      offers(owner).forEach(o -> ids.add(o.owner()));
      if (!ids.isEmpty()) {
        ids.add(owner);
      }
      return ids;
    }

    private List<EntityRecord> products(String owner) {
      Set<String> resells = resold.getOrDefault(owner, Set.of());
      return products.stream().filter(p -> p.owner().equals(owner) || resells.contains(p.id())).toList();
    }

    private List<EntityRecord> offers(String owner) {
      return offers.stream().filter(o -> o.owner().equals(owner) || owner.equals(o.sharedWith())).toList();
    }
  }

  Catalog read(Instant until) {
    List<EntityRecord> products = new ArrayList<>();
    List<EntityRecord> offers = new ArrayList<>();
    Map<String, EntityRecord> authorizations = new HashMap<>();
    Map<String, Set<String>> resold = new HashMap<>();
    jdbc.query("""
        SELECT entity_id, owner_account_id, revision, last_modified, document, shared_with_account_id, entity_type,
          document->>'productId'
        FROM entity WHERE (entity_type = 'SAAS_PRODUCT' AND last_modified < ?)
          OR (entity_type = 'OFFER' AND document->>'state' = 'Released' AND last_modified < ?)
          OR entity_type = 'RESALE_AUTHORIZATION'
        ORDER BY entity_id""", rs -> {
          EntityRecord e = entity(rs);
          switch (rs.getString(7)) {
            case "SAAS_PRODUCT" -> products.add(e);
            case "OFFER" -> offers.add(e);
            default -> {
              authorizations.put(e.id(), e);
              if (e.sharedWith() != null && rs.getString(8) != null) {
                resold.computeIfAbsent(e.sharedWith(), party -> new HashSet<>()).add(rs.getString(8));
              }
            }
          }
        }, Timestamp.from(until), Timestamp.from(until));
    return new Catalog(products, offers, authorizations, resold);
  }

  private static EntityRecord entity(java.sql.ResultSet rs) throws java.sql.SQLException {
    try {
      String sharedWith = rs.getString(6);
      return new EntityRecord(rs.getString(1), rs.getString(2).trim(), rs.getInt(3), rs.getTimestamp(4).toInstant(),
          JSON.readTree(rs.getString(5)), sharedWith == null ? null : sharedWith.trim());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Unreadable entity " + rs.getString(1), e);
    }
  }

  List<FeedRow> productRows(Catalog catalog, String owner) {
    List<FeedRow> rows = new ArrayList<>();
    for (EntityRecord p : catalog.products(owner)) {
      rows.add(FeedRow.of(Feed.PRODUCT, p.id(), p.changedAt(), p.id(), keys.keyOf(p.owner()),
          p.document().path("productCode").asText(null), p.document().path("title").asText(null)));
    }
    return rows;
  }

  /** The party's offers with their targets, each offer followed by its offer-target rows. */
  List<FeedRow> offerAndTargetRows(Catalog catalog, String owner) {
    List<FeedRow> rows = new ArrayList<>();
    for (EntityRecord o : catalog.offers(owner)) {
      JsonNode d = o.document();
      String authorization = d.path("resaleAuthorizationId").asText(null);
      JsonNode ra = authorization == null ? null : resaleAuthorization(catalog, authorization);
      rows.add(FeedRow.of(Feed.OFFER, o.id(), o.changedAt(), o.id(), o.revision(), d.path("name").asText(null),
          expiration(d.path("availabilityEndDate").asText(null)), authorization,
          ra == null ? null : ra.path("name").asText(null), ra == null ? null : ra.path("description").asText(null),
          keys.keyOf(o.owner()), keys.keyOf(owner)));
      targets(rows, o, "BuyerAccounts", "Positive", d.path("buyerAccounts"));
      targets(rows, o, "CountryCodes", "Positive", d.path("countryCodes"));
      targets(rows, o, "CountryCodes", "Negative", d.path("negativeCountryCodes"));
    }
    return rows;
  }

  private static void targets(List<FeedRow> rows, EntityRecord offer, String type, String polarity, JsonNode values) {
    for (JsonNode value : values) {
      String target = FeedRow.stableId("offer-target", offer.id(), type, polarity, value.asText()).toString();
      rows.add(FeedRow.of(Feed.OFFER_TARGET, target + "@" + offer.revision(), offer.changedAt(), target, offer.id(),
          offer.revision(), type, polarity, value.asText()));
    }
  }

  /** The resale authorization's document, read on its own only when the ID is not one of a resale authorization. */
  private JsonNode resaleAuthorization(Catalog catalog, String id) {
    EntityRecord known = catalog.authorizations().get(id);
    if (known != null) {
      return known.document();
    }
    return jdbc.query("SELECT entity_id, owner_account_id, revision, last_modified, document, shared_with_account_id"
        + " FROM entity WHERE entity_id = ?", (rs, row) -> entity(rs), id).stream().findFirst()
        .map(EntityRecord::document).orElse(null);
  }

  /** An availability end date is the end of that day, UTC. */
  private static Instant expiration(String date) {
    return date == null || date.isBlank() ? null
        : LocalDate.parse(date).atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC);
  }
}
