package org.offerdesk.app.listings.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.ListingState;
import org.offerdesk.app.listings.Listings;
import org.offerdesk.app.web.table.TableQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Listings and their templates in PostgreSQL; every query is scoped to one organization. */
@Repository
class ListingStore implements Listings {

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  ListingStore(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  @Override
  public List<Listing> all(UUID organizationId) {
    return jdbc.sql("SELECT * FROM listing WHERE organization_id = ? ORDER BY title, product_id")
        .param(organizationId).query(this::map).list();
  }

  /** The rows of the listings table its filter lets through. */
  TableQuery<Listing> table(UUID organizationId, ListingTable.Filter f) {
    return TableQuery.of(jdbc, "listing", organizationId, this::map)
        .equal("state", f.state())
        .search("lower(title) LIKE :like OR product_id = :exact OR product_code = :exact", f.q());
  }

  @Override
  public Optional<Listing> find(UUID organizationId, String productId) {
    return jdbc.sql("SELECT * FROM listing WHERE organization_id = ? AND product_id = ?")
        .params(organizationId, productId).query(this::map).optional();
  }

  /** Inserts or refreshes what the marketplace says; the template is the seller's and stays. */
  boolean upsertFromMarketplace(Listing l) {
    return jdbc.sql("""
        INSERT INTO listing (organization_id, product_id, title, product_code, state, dimensions, fulfillment_url,
          synced_at) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
        ON CONFLICT (organization_id, product_id) DO UPDATE SET title = excluded.title,
          product_code = excluded.product_code, state = excluded.state, dimensions = excluded.dimensions,
          fulfillment_url = excluded.fulfillment_url, synced_at = excluded.synced_at
        RETURNING (xmax = 0) AS inserted""")
        .params(l.organizationId(), l.productId(), l.title(), l.productCode(), l.state().name(), json(l.dimensions()),
            l.fulfillmentUrl(), Timestamp.from(l.syncedAt()))
        .query(Boolean.class).single();
  }

  boolean saveTemplate(UUID organizationId, String productId, Listing.Template t, Integer expectedVersion) {
    return jdbc.sql("""
        UPDATE listing SET support_email = ?, support_url = ?, welcome_text = ?,
          registration_fields = CAST(? AS jsonb), template_version = template_version + 1
        WHERE organization_id = ? AND product_id = ? AND (CAST(? AS integer) IS NULL OR template_version = ?)""")
        .params(t.supportEmail(), t.supportUrl(), t.welcomeText(), json(t.registrationFields()), organizationId,
            productId, expectedVersion, expectedVersion)
        .update() == 1;
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Listing map(ResultSet rs, int row) throws SQLException {
    try {
      // Stored JSON may carry derived properties (such as a dimension's "contract"): read leniently.
      List<Listing.Dimension> dimensions = mapper.readerFor(new TypeReference<List<Listing.Dimension>>() {})
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(rs.getString("dimensions"));
      List<Listing.RegistrationField> fields =
          mapper.readerFor(new TypeReference<List<Listing.RegistrationField>>() {})
              .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(rs.getString("registration_fields"));
      return new Listing(rs.getObject("organization_id", UUID.class), rs.getString("product_id"),
          rs.getString("title"), rs.getString("product_code"), ListingState.valueOf(rs.getString("state")),
          dimensions, rs.getString("fulfillment_url"),
          new Listing.Template(rs.getString("support_email"), rs.getString("support_url"),
              rs.getString("welcome_text"), fields, rs.getInt("template_version")),
          rs.getTimestamp("synced_at").toInstant());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
