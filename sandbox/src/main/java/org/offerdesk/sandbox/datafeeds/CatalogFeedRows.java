package org.offerdesk.sandbox.datafeeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code productfeed_v1}, {@code offerfeed_v1} and {@code offertargetfeed_v1} for one party,
 * from the catalog's entities: its own products and those it is authorized to resell; its released
 * offers and the channel partner offers made on its products. A new revision is a new row.
 */
@Repository
class CatalogFeedRows {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;
  private final FeedAccountKeys keys;

  CatalogFeedRows(JdbcTemplate jdbc, FeedAccountKeys keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  private record EntityRecord(String id, String owner, int revision, Instant changedAt, JsonNode document) {}

  private List<EntityRecord> entities(String sql, Object... args) {
    return jdbc.query(sql, (rs, row) -> {
      try {
        return new EntityRecord(rs.getString(1), rs.getString(2).trim(), rs.getInt(3), rs.getTimestamp(4).toInstant(),
            JSON.readTree(rs.getString(5)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("Unreadable entity " + rs.getString(1), e);
      }
    }, args);
  }

  List<FeedRow> productRows(String owner, Instant until) {
    List<FeedRow> rows = new ArrayList<>();
    for (EntityRecord p : entities("""
        SELECT entity_id, owner_account_id, revision, last_modified, document FROM entity
        WHERE entity_type = 'SAAS_PRODUCT' AND last_modified < ? AND (owner_account_id = ? OR entity_id IN (
          SELECT document->>'productId' FROM entity WHERE entity_type = 'RESALE_AUTHORIZATION'
            AND shared_with_account_id = ?))
        ORDER BY entity_id""", Timestamp.from(until), owner, owner)) {
      rows.add(FeedRow.of(Feed.PRODUCT, p.id(), p.changedAt(), p.id(), keys.keyOf(p.owner()),
          p.document().path("productCode").asText(null), p.document().path("title").asText(null)));
    }
    return rows;
  }

  /** The party's offers with their targets, each offer followed by its offer-target rows. */
  List<FeedRow> offerAndTargetRows(String owner, Instant until) {
    List<FeedRow> rows = new ArrayList<>();
    for (EntityRecord o : entities("""
        SELECT entity_id, owner_account_id, revision, last_modified, document FROM entity
        WHERE entity_type = 'OFFER' AND document->>'state' = 'Released' AND last_modified < ?
          AND (owner_account_id = ? OR shared_with_account_id = ?)
        ORDER BY entity_id""", Timestamp.from(until), owner, owner)) {
      JsonNode d = o.document();
      String authorization = d.path("resaleAuthorizationId").asText(null);
      JsonNode ra = authorization == null ? null : resaleAuthorization(authorization);
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

  private JsonNode resaleAuthorization(String id) {
    return entities("SELECT entity_id, owner_account_id, revision, last_modified, document FROM entity WHERE entity_id = ?",
        id).stream().findFirst().map(EntityRecord::document).orElse(null);
  }

  /** An availability end date is the end of that day, UTC. */
  private static Instant expiration(String date) {
    return date == null || date.isBlank() ? null
        : LocalDate.parse(date).atTime(LocalTime.of(23, 59, 59)).toInstant(ZoneOffset.UTC);
  }
}
