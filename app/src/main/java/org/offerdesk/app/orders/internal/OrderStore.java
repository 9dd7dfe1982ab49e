package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.orders.OrderKind;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.web.StoredJson;
import org.offerdesk.app.web.table.TableQuery;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlValue;
import org.springframework.stereotype.Repository;

/** Orders and their timelines; every request-facing query is scoped to one organization. */
@Repository
class OrderStore {

  /** One line of an order's timeline. */
  record TimelineEntry(Instant at, OrderStatus status, String cause, String detail, String actor) {}

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  OrderStore(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = StoredJson.mapper(mapper);
  }

  /** Inserts the order unless its agreement already has one; false when it did. */
  boolean insert(Order o) {
    return jdbc.sql("""
        INSERT INTO customer_order (id, organization_id, kind, status, agreement_id, marketplace_offer_id, offer_id,
          product_id, product_code, buyer_account_id, proposer_account_id, resale_authorization_id, replaces_order_id,
          replaced_by_order_id, currency, total_contract_value, terms, accepted_at, starts_at, ends_at, registration,
          registration_deadline, flags, provisioned_at, closed_at, version, created_at, updated_at)
        VALUES (:id, :org, :kind, :status, :agreement, :offer, :offerId, :product, :productCode, :buyer, :proposer,
          :ra, :replaces, :replacedBy, :currency, :tcv, CAST(:terms AS jsonb), :acceptedAt, :startsAt, :endsAt,
          CAST(:registration AS jsonb), :deadline, :flags, :provisionedAt, :closedAt, 0, :createdAt, :updatedAt)
        ON CONFLICT (organization_id, agreement_id) DO NOTHING""")
        .paramSource(params(o)).update() == 1;
  }

  /** Records that the order was accepted from a renewal offer, so it books as a renewal. */
  void markRenewal(Order o) {
    jdbc.sql("UPDATE customer_order SET renewal = true WHERE organization_id = ? AND id = ?")
        .params(o.organizationId(), o.id()).update();
  }

  boolean update(Order o) {
    return jdbc.sql("""
        UPDATE customer_order SET status = :status, offer_id = :offerId, replaces_order_id = :replaces,
          replaced_by_order_id = :replacedBy, registration = CAST(:registration AS jsonb), flags = :flags,
          provisioned_at = :provisionedAt, closed_at = :closedAt, version = version + 1, updated_at = :updatedAt
        WHERE id = :id AND organization_id = :org AND version = :version""")
        .paramSource(params(o)).update() == 1;
  }

  Optional<Order> find(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM customer_order WHERE organization_id = ? AND id = ?").params(organizationId, id)
        .query(this::map).optional();
  }

  Optional<Order> byAgreement(UUID organizationId, String agreementId) {
    return jdbc.sql("SELECT * FROM customer_order WHERE organization_id = ? AND agreement_id = ?")
        .params(organizationId, agreementId).query(this::map).optional();
  }

  /**
   * Holds, until the transaction ends, the replacement between these agreements: an amendment's order and the
   * order of the agreement it replaces, made concurrently, see each other (whichever commits second finds the
   * first). Taken in one order, so that two such transactions never wait for each other in a circle.
   */
  void lockReplacement(UUID organizationId, String... agreementIds) {
    Arrays.stream(agreementIds).filter(Objects::nonNull).distinct().sorted()
        .forEach(a -> jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
            .param("order-replacement:" + organizationId + ":" + a).query().singleRow());
  }

  /** Remembers on an amendment's order the agreement it replaces, so a later order of that agreement is linked. */
  void rememberReplaces(Order amendment, String previousAgreementId) {
    jdbc.sql("UPDATE customer_order SET replaces_agreement_id = ? WHERE organization_id = ? AND id = ?")
        .params(previousAgreementId, amendment.organizationId(), amendment.id()).update();
  }

  /** The amendment's order that names this agreement as the one it replaces and is not linked to it yet. */
  Optional<Order> unlinkedReplacementOf(UUID organizationId, String agreementId) {
    return jdbc.sql("""
        SELECT * FROM customer_order WHERE organization_id = ? AND replaces_agreement_id = ?
          AND replaces_order_id IS NULL ORDER BY created_at, id LIMIT 1""")
        .params(organizationId, agreementId).query(this::map).optional();
  }

  /** The IDs of the orders of those agreements that have one, by agreement. */
  Map<String, UUID> idsByAgreement(UUID organizationId, Collection<String> agreementIds) {
    Map<String, UUID> ids = new HashMap<>();
    jdbc.sql("SELECT agreement_id, id FROM customer_order WHERE organization_id = ? AND agreement_id = ANY (?)")
        .params(organizationId, agreementIds.toArray(String[]::new))
        .query(rs -> {
          ids.put(rs.getString(1), rs.getObject(2, UUID.class));
        });
    return ids;
  }

  /**
   * A buyer's open orders for a product (their agreements still ACTIVE, as far as OfferDesk knows), by
   * start: where a registration token that names only the customer and the product may belong.
   */
  List<Order> openFor(UUID organizationId, String buyerAccountId, String productId) {
    return jdbc.sql("""
        SELECT * FROM customer_order WHERE organization_id = ? AND buyer_account_id = ? AND product_id = ?
          AND status NOT IN ('CANCELLED', 'ENDED') ORDER BY starts_at NULLS LAST, accepted_at, created_at""")
        .params(organizationId, buyerAccountId, productId).query(this::map).list();
  }

  /** The order, its row locked until the transaction ends: one registration of it at a time. */
  Optional<Order> findForUpdate(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM customer_order WHERE organization_id = ? AND id = ? FOR UPDATE")
        .params(organizationId, id).query(this::map).optional();
  }

  /** Orders per status under the filter's other conditions (the status is what the chips choose). */
  Map<OrderStatus, Long> countsByStatus(UUID organizationId, OrderTable.Filter filter) {
    return table(organizationId, filter.anyStatus()).countBy("status", OrderStatus.class);
  }

  /** How many orders the organization has, whatever their status. */
  long count(UUID organizationId) {
    return TableQuery.of(jdbc, "customer_order", organizationId, this::map).count();
  }

  /** Orders with a payment schedule that are not cancelled or ended: what future installments come from. */
  List<Order> withSchedules(UUID organizationId) {
    return jdbc.sql("""
        SELECT * FROM customer_order WHERE organization_id = ? AND jsonb_array_length(terms->'schedule') > 0
          AND status NOT IN ('CANCELLED', 'ENDED') ORDER BY created_at""")
        .params(organizationId).query(this::map).list();
  }

  /** Open orders carrying a flag, oldest first: what needs the seller's action. */
  List<Order> flagged(UUID organizationId, String flag) {
    return jdbc.sql("""
        SELECT * FROM customer_order WHERE organization_id = ? AND ? = ANY (flags)
          AND status NOT IN ('CANCELLED', 'ENDED') ORDER BY created_at LIMIT 20""")
        .params(organizationId, flag).query(this::map).list();
  }

  /** The rows of the orders table its filter lets through. */
  TableQuery<Order> table(UUID organizationId, OrderTable.Filter f) {
    return TableQuery.of(jdbc, "customer_order", organizationId, this::map)
        .equal("status", f.status())
        .equal("kind", f.kind())
        .search("buyer_account_id = :exact OR agreement_id = :exact OR marketplace_offer_id = :exact"
            + " OR product_id = :exact OR CAST(id AS text) = :exact OR lower(registration ->> 'company') LIKE :like"
            + " OR lower(registration ->> 'email') LIKE :like", f.q())
        .where(OrderFigureStore.BOOKING_KIND + " = :value", f.bookingKind() == null ? null : f.bookingKind().name())
        .where(OrderFigureStore.OWNED_BY, f.owner())
        .where("accepted_at >= :value", f.acceptedFrom() == null ? null : OrderFigureStore.startOf(f.acceptedFrom()))
        .where("accepted_at < :value", f.acceptedTo() == null ? null
            : OrderFigureStore.startOf(f.acceptedTo().plusDays(1)))
        .where("ends_at >= :value", f.endsFrom() == null ? null : OrderFigureStore.startOf(f.endsFrom()))
        .where("ends_at < :value", f.endsTo() == null ? null : OrderFigureStore.startOf(f.endsTo().plusDays(1)))
        .where(OrderFigureStore.ACTIVE + " AND :value", f.active() ? Boolean.TRUE : null);
  }

  boolean record(Order o, OrderStatus status, String cause, String detail, String actor, Instant at, String key) {
    return jdbc.sql("""
        INSERT INTO order_event (id, order_id, organization_id, occurred_at, status, cause, detail, actor, dedupe_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING""")
        .params(UUID.randomUUID(), o.id(), o.organizationId(), Timestamp.from(at.truncatedTo(ChronoUnit.MICROS)),
            status.name(), cause, detail, actor, key)
        .update() == 1;
  }

  List<TimelineEntry> timeline(UUID organizationId, UUID orderId) {
    return jdbc.sql("SELECT * FROM order_event WHERE organization_id = ? AND order_id = ? ORDER BY occurred_at, seq")
        .params(organizationId, orderId)
        .query((rs, row) -> new TimelineEntry(rs.getTimestamp("occurred_at").toInstant(),
            OrderStatus.valueOf(rs.getString("status")), rs.getString("cause"), rs.getString("detail"),
            rs.getString("actor")))
        .list();
  }

  void saveBooking(UUID organizationId, UUID orderId, Object artifact) {
    jdbc.sql("UPDATE customer_order SET booking = CAST(? AS jsonb) WHERE organization_id = ? AND id = ?")
        .params(json(artifact), organizationId, orderId).update();
  }

  Optional<JsonNode> booking(UUID organizationId, UUID orderId) {
    return jdbc.sql("SELECT booking::text FROM customer_order WHERE organization_id = ? AND id = ? AND booking IS NOT NULL")
        .params(organizationId, orderId).query(String.class).optional().map(this::tree);
  }

  /** Saves entitlements; true when they differ from what was stored. */
  boolean saveEntitlements(UUID organizationId, UUID orderId, Object entitlements) {
    String json = json(entitlements);
    return jdbc.sql("""
        UPDATE customer_order SET entitlements = CAST(? AS jsonb)
        WHERE organization_id = ? AND id = ? AND entitlements IS DISTINCT FROM CAST(? AS jsonb)""")
        .params(json, organizationId, orderId, json).update() == 1;
  }

  Optional<JsonNode> entitlements(UUID organizationId, UUID orderId) {
    return jdbc.sql("SELECT entitlements::text FROM customer_order WHERE organization_id = ? AND id = ?"
            + " AND entitlements IS NOT NULL")
        .params(organizationId, orderId).query(String.class).optional().map(this::tree);
  }

  String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode tree(String text) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private MapSqlParameterSource params(Order o) {
    return new MapSqlParameterSource()
        .addValue("id", o.id()).addValue("org", o.organizationId()).addValue("kind", o.kind().name())
        .addValue("status", o.status().name()).addValue("agreement", o.agreementId())
        .addValue("offer", o.marketplaceOfferId()).addValue("offerId", o.offerId())
        .addValue("product", o.productId()).addValue("productCode", o.productCode())
        .addValue("buyer", o.buyerAccountId()).addValue("proposer", o.proposerAccountId())
        .addValue("ra", o.resaleAuthorizationId()).addValue("replaces", o.replacesOrderId())
        .addValue("replacedBy", o.replacedByOrderId()).addValue("currency", o.currency())
        .addValue("tcv", o.totalContractValue() == null ? null : o.totalContractValue().amount()).addValue("terms", json(o.terms()))
        .addValue("acceptedAt", ts(o.acceptedAt())).addValue("startsAt", ts(o.startsAt()))
        .addValue("endsAt", ts(o.endsAt()))
        .addValue("registration", o.registration() == null ? null : json(o.registration()))
        .addValue("deadline", ts(o.registrationDeadline())).addValue("flags", new TextArray(o.flags()))
        .addValue("provisionedAt", ts(o.provisionedAt())).addValue("closedAt", ts(o.closedAt()))
        .addValue("version", o.version()).addValue("createdAt", ts(o.createdAt()))
        .addValue("updatedAt", ts(o.updatedAt()));
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i.truncatedTo(ChronoUnit.MICROS));
  }

  Order map(ResultSet rs, int row) throws SQLException {
    try {
      String registration = rs.getString("registration");
      Array flags = rs.getArray("flags");
      List<String> flagList = new ArrayList<>();
      if (flags != null) {
        for (Object f : (Object[]) flags.getArray()) {
          flagList.add((String) f);
        }
      }
      return new Order(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
          OrderKind.valueOf(rs.getString("kind")), OrderStatus.valueOf(rs.getString("status")),
          rs.getString("agreement_id"), rs.getString("marketplace_offer_id"), rs.getObject("offer_id", UUID.class),
          rs.getString("product_id"), rs.getString("product_code"), rs.getString("buyer_account_id"),
          rs.getString("proposer_account_id"), rs.getString("resale_authorization_id"),
          rs.getObject("replaces_order_id", UUID.class), rs.getObject("replaced_by_order_id", UUID.class),
          MoneyFormat.of(rs.getBigDecimal("total_contract_value"), rs.getString("currency")),
          mapper.readValue(rs.getString("terms"), AcceptedTerms.class), instant(rs, "accepted_at"),
          instant(rs, "starts_at"), instant(rs, "ends_at"),
          registration == null ? null : mapper.readValue(registration, Registration.class),
          instant(rs, "registration_deadline"), flagList, instant(rs, "provisioned_at"), instant(rs, "closed_at"),
          rs.getInt("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable order " + rs.getString("id"), e);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /** A list bound as text[]. */
  record TextArray(List<String> values) implements SqlValue {
    @Override
    public void setValue(PreparedStatement ps, int index) throws SQLException {
      Connection c = ps.getConnection();
      ps.setArray(index, c.createArrayOf("text", values.toArray()));
    }

    @Override
    public void cleanup() {}
  }
}
