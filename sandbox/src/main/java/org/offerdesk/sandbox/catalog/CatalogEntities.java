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
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.offerdesk.postgres.BoundedMemo;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

  /** Past this many rows the memory is emptied rather than grown (a sandbox holds far fewer entities). */
  private static final int MAX_ROWS = 50_000;

  private final JdbcTemplate jdbc;
  /**
   * The entity rows DescribeEntity and the other reads last found, so that reading an entity costs no database
   * round trip: a catalog entity changes only when a change set applies (or a product is saved), and those
   * writes forget what they change ({@link #saveAll}), once when they write and again when their transaction
   * ends (a reader may have kept the old row in between). A read that began before a forget does not keep what
   * it read. Kept in memory only, so a restarted sandbox starts empty and reads its database again.
   */
  private final BoundedMemo<String, StoredRow> rows = new BoundedMemo<>(MAX_ROWS);

  public CatalogEntities(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The entity, a fresh object the caller may change. Outside a transaction its stored row comes from
   * {@link #rows} (entities change only when a change set applies or a product is saved, both through
   * {@link #saveAll}); inside one, always from the database, which may hold the transaction's own writes.
   */
  public Optional<CatalogEntity> find(String entityId) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return read(entityId).map(StoredRow::entity);
    }
    return kept(entityId).map(StoredRow::entity);
  }

  /** The kept row, or the database's, which is kept unless a write forgot rows while it was read. */
  private Optional<StoredRow> kept(String entityId) {
    StoredRow kept = rows.get(entityId);
    if (kept != null) {
      return Optional.of(kept);
    }
    long stamp = rows.stamp();
    Optional<StoredRow> found = read(entityId);
    found.ifPresent(row -> rows.put(entityId, row, stamp));
    return found;
  }

  private Optional<StoredRow> read(String entityId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM entity WHERE entity_id = ?", (rs, n) -> new StoredRow(
        rs.getString("entity_type"), rs.getInt("revision"), rs.getTimestamp("last_modified").toInstant(),
        rs.getString("document")), entityId).stream().findFirst();
  }

  /**
   * The entity's stored row as kept in memory (read once if not kept), outside a transaction; empty inside
   * one or when there is no such entity. The same object until a write forgets it, so what is derived from it
   * may be kept beside it.
   */
  Optional<StoredRow> keptRow(String entityId) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      return Optional.empty();
    }
    return kept(entityId);
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
    rows.forgetWritten(entities.stream().map(e -> e.id).toList());
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
    return new StoredRow(rs.getString("entity_type"), rs.getInt("revision"),
        rs.getTimestamp("last_modified").toInstant(), rs.getString("document")).entity();
  }

  /** An entity's row as stored: immutable, so it may be kept; each {@link #entity()} is a new object. */
  record StoredRow(String type, int revision, Instant lastModified, String document) {

    CatalogEntity entity() {
      Class<? extends CatalogEntity> kind = switch (EntityType.valueOf(type)) {
        case SAAS_PRODUCT -> SaaSProduct.class;
        case OFFER -> Offer.class;
        case RESALE_AUTHORIZATION -> ResaleAuthorization.class;
      };
      try {
        CatalogEntity entity = STORAGE.readValue(document, kind);
        entity.revision = revision;
        entity.lastModified = lastModified;
        return entity;
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Unreadable entity document", e);
      }
    }
  }
}
