package org.offerdesk.app.partners.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.marketplace.SharedAuthorization;
import org.offerdesk.app.web.table.TableQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A reseller's opportunities in PostgreSQL; every query is scoped to one organization. */
@Repository
class OpportunityStore {

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  OpportunityStore(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** Writes what the marketplace says of an authorization now; returns true when it is new to the reseller. */
  boolean save(UUID organizationId, SharedAuthorization a, Instant at) {
    boolean seen = find(organizationId, a.id()).isPresent();
    Timestamp now = Timestamp.from(at.truncatedTo(ChronoUnit.MICROS));
    jdbc.sql("""
        INSERT INTO opportunity (organization_id, resale_authorization_id, name, description, product_id, product_name,
          isv_account_id, isv_name, status, pricing_model, currency, duration, wholesale_prices, buyer_account_ids,
          availability_end_date, offers_max_quantity, offers_created, received_at, synced_at)
        VALUES (:org, :id, :name, :description, :product, :productName, :isv, :isvName, :status, :model, :currency,
          :duration, CAST(:prices AS jsonb), :buyers, :endsOn, :max, :created, :now, :now)
        ON CONFLICT (organization_id, resale_authorization_id) DO UPDATE SET name = EXCLUDED.name,
          description = EXCLUDED.description, product_id = EXCLUDED.product_id, product_name = EXCLUDED.product_name,
          isv_account_id = EXCLUDED.isv_account_id, isv_name = EXCLUDED.isv_name, status = EXCLUDED.status,
          pricing_model = EXCLUDED.pricing_model, currency = EXCLUDED.currency, duration = EXCLUDED.duration,
          wholesale_prices = EXCLUDED.wholesale_prices, buyer_account_ids = EXCLUDED.buyer_account_ids,
          availability_end_date = EXCLUDED.availability_end_date, offers_max_quantity = EXCLUDED.offers_max_quantity,
          offers_created = EXCLUDED.offers_created, synced_at = EXCLUDED.synced_at""")
        .param("org", organizationId).param("id", a.id()).param("name", a.name() == null ? a.id() : a.name())
        .param("description", a.description()).param("product", a.productId()).param("productName", a.productName())
        .param("isv", a.manufacturerAccountId()).param("isvName", a.manufacturerName()).param("status", a.status())
        .param("model", a.pricingModel()).param("currency", a.currency()).param("duration", a.duration())
        .param("prices", json(a.prices())).param("buyers", a.buyerAccountIds().toArray(String[]::new))
        .param("endsOn", a.availabilityEndDate()).param("max", a.offersMaxQuantity())
        .param("created", a.offersCreated()).param("now", now)
        .update();
    return !seen;
  }

  Optional<Opportunity> find(UUID organizationId, String resaleAuthorizationId) {
    return jdbc.sql("SELECT * FROM opportunity WHERE organization_id = ? AND resale_authorization_id = ?")
        .params(organizationId, resaleAuthorizationId).query(this::map).optional();
  }

  /** The rows of the opportunities table its filter lets through. */
  TableQuery<Opportunity> table(UUID organizationId, OpportunityTable.Filter f) {
    return TableQuery.of(jdbc, "opportunity", organizationId, this::map)
        .equal("isv_account_id", f.isvAccountId())
        .equal("product_id", f.productId())
        .search("lower(name) LIKE :like OR lower(coalesce(product_name, '')) LIKE :like"
            + " OR lower(coalesce(isv_name, '')) LIKE :like OR resale_authorization_id = :exact", f.q());
  }

  /** The manufacturers whose authorizations the reseller holds, by account ID, with their names. */
  Map<String, String> isvs(UUID organizationId) {
    Map<String, String> isvs = new java.util.LinkedHashMap<>();
    jdbc.sql("SELECT DISTINCT isv_account_id, coalesce(isv_name, isv_account_id) AS name FROM opportunity"
            + " WHERE organization_id = ? ORDER BY name")
        .param(organizationId).query((rs, row) -> isvs.put(rs.getString(1), rs.getString(2))).list();
    return isvs;
  }

  private Opportunity map(ResultSet rs, int row) throws SQLException {
    List<SharedAuthorization.WholesalePrice> prices;
    try {
      prices = mapper.readValue(rs.getString("wholesale_prices"), new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable opportunity " + rs.getString("resale_authorization_id"), e);
    }
    Integer max = (Integer) rs.getObject("offers_max_quantity");
    SharedAuthorization a = new SharedAuthorization(rs.getString("resale_authorization_id"), rs.getString("name"),
        rs.getString("description"), rs.getString("product_id"), rs.getString("product_name"),
        rs.getString("isv_account_id"), rs.getString("isv_name"), rs.getString("status"),
        rs.getString("pricing_model"), rs.getString("currency"), rs.getString("duration"), prices,
        strings(rs.getArray("buyer_account_ids")), rs.getObject("availability_end_date", java.time.LocalDate.class),
        max, rs.getInt("offers_created"));
    return new Opportunity(rs.getObject("organization_id", UUID.class), a,
        rs.getTimestamp("received_at").toInstant(), rs.getTimestamp("synced_at").toInstant());
  }

  private static List<String> strings(Array array) throws SQLException {
    List<String> out = new ArrayList<>();
    if (array != null) {
      for (Object o : (Object[]) array.getArray()) {
        out.add((String) o);
      }
    }
    return out;
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
