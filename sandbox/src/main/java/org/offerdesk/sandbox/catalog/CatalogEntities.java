package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The catalog's entities in table {@code entity}, each stored as the JSON of its domain object. */
@Repository
public class CatalogEntities {

  /** Field-based JSON of the domain classes, independent of the API's JSON. */
  static final ObjectMapper STORAGE = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
      .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      // absent stays absent: a JSON null would come back as a NullNode in JsonNode fields
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private static final String COLUMNS = "entity_type, revision, last_modified, document";

  private final JdbcTemplate jdbc;

  public CatalogEntities(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<CatalogEntity> find(String entityId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM entity WHERE entity_id = ?", CatalogEntities::map, entityId).stream()
        .findFirst();
  }

  public <T extends CatalogEntity> Optional<T> find(String entityId, Class<T> type) {
    return find(entityId).filter(type::isInstance).map(type::cast);
  }

  /** Entities of a type that the account owns (SELF) or that are shared with it (SHARED). */
  public List<CatalogEntity> visibleTo(String accountId, EntityType type, boolean shared) {
    String where = shared ? "shared_with_account_id = ?" : "owner_account_id = ?";
    return jdbc.query("SELECT " + COLUMNS + " FROM entity WHERE " + where + " AND entity_type = ?",
        CatalogEntities::map, accountId, type.name());
  }

  public List<CatalogEntity> all(EntityType type) {
    return jdbc.query("SELECT " + COLUMNS + " FROM entity WHERE entity_type = ? ORDER BY last_modified DESC",
        CatalogEntities::map, type.name());
  }

  /** Inserts or replaces entities with the revision and time they carry. */
  void saveAll(Collection<? extends CatalogEntity> entities) {
    for (CatalogEntity e : entities) {
      jdbc.update(
          "INSERT INTO entity (entity_id, entity_type, owner_account_id, shared_with_account_id, revision, last_modified, document) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (entity_id) DO UPDATE SET "
              + "shared_with_account_id = EXCLUDED.shared_with_account_id, revision = EXCLUDED.revision, "
              + "last_modified = EXCLUDED.last_modified, document = EXCLUDED.document",
          e.id, e.type().name(), e.ownerAccountId, e.sharedWithAccountId(), e.revision, Timestamp.from(e.lastModified),
          write(e));
    }
  }

  /** A deep copy to change inside a change set without touching what is stored until it commits. */
  static <T extends CatalogEntity> T copy(T entity) {
    try {
      @SuppressWarnings("unchecked")
      Class<T> type = (Class<T>) entity.getClass();
      return STORAGE.readValue(STORAGE.writeValueAsBytes(entity), type);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Could not copy entity " + entity.id, e);
    }
  }

  private static String write(CatalogEntity e) {
    try {
      return STORAGE.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("Could not store entity " + e.id, ex);
    }
  }

  private static CatalogEntity map(ResultSet rs, int row) throws SQLException {
    Class<? extends CatalogEntity> type = switch (EntityType.valueOf(rs.getString("entity_type"))) {
      case SAAS_PRODUCT -> SaaSProduct.class;
      case OFFER -> Offer.class;
      case RESALE_AUTHORIZATION -> ResaleAuthorization.class;
    };
    try {
      CatalogEntity entity = STORAGE.readValue(rs.getString("document"), type);
      entity.revision = rs.getInt("revision");
      entity.lastModified = rs.getTimestamp("last_modified").toInstant();
      return entity;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable entity document", e);
    }
  }
}
