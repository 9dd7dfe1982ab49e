package org.offerdesk.app.partners.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.partners.ResaleAuthorizationStatus;
import org.offerdesk.app.web.table.TableQuery;
import org.offerdesk.app.web.StoredJson;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Resale authorizations and their timelines in PostgreSQL; every query is scoped to one organization. */
@Repository
class ResaleAuthorizationStore {

  /** One line of an authorization's timeline. */
  record TimelineEntry(Instant at, ResaleAuthorizationStatus status, String cause, String detail, String actor) {}

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  ResaleAuthorizationStore(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = StoredJson.mapper(mapper);
  }

  void insert(ResaleAuthorization ra) {
    jdbc.sql("""
        INSERT INTO resale_authorization (id, organization_id, status, product_id, reseller_account_id, name, currency,
          availability_ends_on, terms, wholesale_prices, marketplace_resale_authorization_id, change_set_id, revision,
          version, publish_errors, cloned_from, created_by, created_at, updated_at)
        VALUES (:id, :org, :status, :product, :reseller, :name, :currency, :endsOn, CAST(:terms AS jsonb),
          CAST(:wholesale AS jsonb), :marketplaceId, :changeSet, :revision, 0, CAST(:errors AS jsonb), :clonedFrom,
          :createdBy, :createdAt, :updatedAt)""")
        .paramSource(params(ra)).update();
  }

  /** Saves a changed authorization if nobody saved it since it was read; false otherwise. */
  boolean update(ResaleAuthorization ra) {
    return jdbc.sql("""
        UPDATE resale_authorization SET status = :status, product_id = :product, reseller_account_id = :reseller,
          name = :name, currency = :currency, availability_ends_on = :endsOn, terms = CAST(:terms AS jsonb),
          wholesale_prices = CAST(:wholesale AS jsonb), marketplace_resale_authorization_id = :marketplaceId,
          change_set_id = :changeSet, revision = :revision, version = version + 1,
          publish_errors = CAST(:errors AS jsonb), updated_at = :updatedAt
        WHERE organization_id = :org AND id = :id AND version = :version""")
        .paramSource(params(ra)).update() == 1;
  }

  Optional<ResaleAuthorization> find(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM resale_authorization WHERE organization_id = ? AND id = ?")
        .params(organizationId, id).query(this::map).optional();
  }

  Optional<ResaleAuthorization> findByMarketplaceId(UUID organizationId, String marketplaceId) {
    return jdbc.sql("SELECT * FROM resale_authorization WHERE organization_id = ? "
            + "AND marketplace_resale_authorization_id = ?")
        .params(organizationId, marketplaceId).query(this::map).optional();
  }

  /** The OfferDesk ID of each of the organization's authorizations with one of these marketplace IDs, in one query. */
  Map<String, UUID> idsByMarketplaceIds(UUID organizationId, List<String> marketplaceIds) {
    Map<String, UUID> ids = new java.util.LinkedHashMap<>();
    jdbc.sql("SELECT marketplace_resale_authorization_id, id FROM resale_authorization WHERE organization_id = ? "
            + "AND marketplace_resale_authorization_id = ANY(?)")
        .params(organizationId, marketplaceIds.toArray(String[]::new))
        .query(rs -> { ids.put(rs.getString(1), rs.getObject(2, UUID.class)); });
    return ids;
  }

  /** The organization's authorizations in these statuses: what the sweep follows. */
  List<ResaleAuthorization> withStatus(UUID organizationId, List<ResaleAuthorizationStatus> statuses) {
    return jdbc.sql("SELECT * FROM resale_authorization WHERE organization_id = ? AND status = ANY(?) "
            + "ORDER BY created_at")
        .params(organizationId, statuses.stream().map(Enum::name).toArray(String[]::new)).query(this::map).list();
  }

  /** The rows of the authorizations table its filter lets through. */
  TableQuery<ResaleAuthorization> table(UUID organizationId, ResaleAuthorizationTable.Filter f) {
    return TableQuery.of(jdbc, "resale_authorization", organizationId, this::map)
        .equal("status", f.status())
        .equal("product_id", f.productId())
        .equal("reseller_account_id", f.resellerAccountId())
        .search("lower(name) LIKE :like OR marketplace_resale_authorization_id = :exact"
            + " OR CAST(id AS text) = :exact OR reseller_account_id = :exact", f.q())
        .where("created_at >= :value", f.createdFrom() == null ? null : startOf(f.createdFrom()))
        .where("created_at < :value", f.createdTo() == null ? null : startOf(f.createdTo().plusDays(1)));
  }

  Map<ResaleAuthorizationStatus, Long> countsByStatus(UUID organizationId, ResaleAuthorizationTable.Filter f) {
    return table(organizationId, f.anyStatus()).countBy("status", ResaleAuthorizationStatus.class);
  }

  /** Records a move on the timeline; with a key, a fact already recorded is not recorded again. */
  boolean record(ResaleAuthorization ra, String cause, String detail, String actor, Instant at, String dedupeKey) {
    return jdbc.sql("""
        INSERT INTO resale_authorization_event (id, resale_authorization_id, organization_id, occurred_at, status,
          cause, detail, actor, dedupe_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING""")
        .params(UUID.randomUUID(), ra.id(), ra.organizationId(), Timestamp.from(at.truncatedTo(ChronoUnit.MICROS)),
            ra.status().name(), cause, detail, actor, dedupeKey)
        .update() == 1;
  }

  List<TimelineEntry> timeline(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM resale_authorization_event WHERE organization_id = ? "
            + "AND resale_authorization_id = ? ORDER BY occurred_at, seq")
        .params(organizationId, id)
        .query((rs, row) -> new TimelineEntry(rs.getTimestamp("occurred_at").toInstant(),
            ResaleAuthorizationStatus.valueOf(rs.getString("status")), rs.getString("cause"), rs.getString("detail"),
            rs.getString("actor")))
        .list();
  }

  private MapSqlParameterSource params(ResaleAuthorization ra) {
    ResaleTerms t = ra.terms();
    return new MapSqlParameterSource()
        .addValue("id", ra.id())
        .addValue("org", ra.organizationId())
        .addValue("status", ra.status().name())
        .addValue("product", t.productId() == null ? "" : t.productId())
        .addValue("reseller", t.resellerAccountId() == null ? "" : t.resellerAccountId())
        .addValue("name", t.name() == null ? "" : t.name())
        .addValue("currency", t.currency())
        .addValue("endsOn", t.availability().endsOn())
        .addValue("terms", json(t))
        .addValue("wholesale", ra.wholesalePrices().isEmpty() ? null : json(ra.wholesalePrices()))
        .addValue("marketplaceId", ra.marketplaceId())
        .addValue("changeSet", ra.changeSetId())
        .addValue("revision", ra.revision())
        .addValue("version", ra.version())
        .addValue("errors", json(ra.publishErrors()))
        .addValue("clonedFrom", ra.clonedFrom())
        .addValue("createdBy", ra.createdBy())
        .addValue("createdAt", Timestamp.from(ra.createdAt().truncatedTo(ChronoUnit.MICROS)))
        .addValue("updatedAt", Timestamp.from(ra.updatedAt().truncatedTo(ChronoUnit.MICROS)));
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ResaleAuthorization map(ResultSet rs, int row) throws SQLException {
    try {
      String wholesale = rs.getString("wholesale_prices");
      return new ResaleAuthorization(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
          ResaleAuthorizationStatus.valueOf(rs.getString("status")),
          mapper.readValue(rs.getString("terms"), ResaleTerms.class),
          wholesale == null ? List.of() : mapper.readValue(wholesale, new TypeReference<>() {}),
          rs.getString("marketplace_resale_authorization_id"), rs.getString("change_set_id"), rs.getInt("revision"),
          rs.getInt("version"), mapper.readValue(rs.getString("publish_errors"), new TypeReference<>() {}),
          rs.getObject("cloned_from", UUID.class), rs.getString("created_by"),
          rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable resale authorization " + rs.getString("id"), e);
    }
  }

  /** Where a day of the table begins: a UTC day, as the pages label dates. */
  static java.time.OffsetDateTime startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
  }
}
