package org.offerdesk.app.orders.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.orders.RenewalStatus;
import org.offerdesk.app.web.table.TableQuery;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Renewals and the alerts sent for them; every query is scoped to one organization. */
@Repository
class RenewalStore {

  private final JdbcClient jdbc;
  private final OrderStore orders;

  RenewalStore(JdbcClient jdbc, OrderStore orders) {
    this.jdbc = jdbc;
    this.orders = orders;
  }

  /** Starts following an order's renewal; false when it was already followed. */
  boolean insert(Renewal r) {
    return jdbc.sql("""
        INSERT INTO renewal (id, organization_id, agreement_id, buyer_account_id, product_id, ends_at, currency,
          contract_value, owner, status, churn_reason, renewal_offer_id, renewed_by_order_id, version, created_at,
          updated_at)
        VALUES (:id, :org, :agreement, :buyer, :product, :endsAt, :currency, :value, :owner, :status, :reason,
          :offer, :renewedBy, 0, :at, :updatedAt)
        ON CONFLICT (id) DO NOTHING""").paramSource(params(r)).update() == 1;
  }

  /** Saves a changed renewal if nobody saved it since it was read; false otherwise. */
  boolean update(Renewal r) {
    return jdbc.sql("""
        UPDATE renewal SET status = :status, churn_reason = :reason, renewal_offer_id = :offer,
          renewed_by_order_id = :renewedBy, version = version + 1, updated_at = :updatedAt
        WHERE id = :id AND organization_id = :org AND version = :version""").paramSource(params(r)).update() == 1;
  }

  Optional<Renewal> find(UUID organizationId, UUID orderId) {
    return jdbc.sql("SELECT * FROM renewal WHERE organization_id = ? AND id = ?").params(organizationId, orderId)
        .query(this::map).optional();
  }

  /** The renewal an order was renewed by (the order it renews), if any. */
  Optional<Renewal> renewedBy(UUID organizationId, UUID newOrderId) {
    return jdbc.sql("SELECT * FROM renewal WHERE organization_id = ? AND renewed_by_order_id = ?")
        .params(organizationId, newOrderId).query(this::map).optional();
  }

  /** The rows of the renewals table its filter lets through, for agreements ending in the window. */
  TableQuery<Renewal> table(UUID organizationId, RenewalTable.Filter f, Instant from, Instant until) {
    return TableQuery.of(jdbc, "renewal", organizationId, this::map)
        .equal("status", f.status())
        .equal("owner", f.owner())
        .equal("product_id", f.productId())
        .where("ends_at >= :value", ts(from))
        .where("ends_at <= :value", ts(until))
        .search("buyer_account_id = :exact OR agreement_id = :exact OR product_id = :exact"
            + " OR CAST(id AS text) = :exact OR lower(owner) LIKE :like", f.q());
  }

  Map<RenewalStatus, Long> countsByStatus(UUID organizationId, RenewalTable.Filter f, Instant from, Instant until) {
    return table(organizationId, f.anyStatus(), from, until).countBy("status", RenewalStatus.class);
  }

  /**
   * Orders ending before {@code until} (and not before {@code since}) whose renewal is not followed yet:
   * neither cancelled nor replaced by an amendment.
   */
  List<Order> untracked(UUID organizationId, Instant since, Instant until) {
    return jdbc.sql("""
        SELECT * FROM customer_order c WHERE c.organization_id = ? AND c.ends_at > ? AND c.ends_at <= ?
          AND c.status <> 'CANCELLED' AND c.replaced_by_order_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM renewal r WHERE r.organization_id = c.organization_id AND r.id = c.id)""")
        .params(organizationId, ts(since), ts(until)).query(orders::map).list();
  }

  /** Followed renewals whose order was cancelled or replaced since: nothing to renew any more. */
  int forgetClosed(UUID organizationId) {
    return jdbc.sql("""
        DELETE FROM renewal r USING customer_order c
        WHERE r.organization_id = ? AND c.organization_id = r.organization_id AND c.id = r.id
          AND r.status <> 'RENEWED' AND (c.status = 'CANCELLED' OR c.replaced_by_order_id IS NOT NULL)""")
        .param(organizationId).update();
  }

  /** Open renewals (nobody renewed or gave them up) ending before {@code until}, soonest first. */
  List<Renewal> openEndingBefore(UUID organizationId, Instant until) {
    return jdbc.sql("""
        SELECT * FROM renewal WHERE organization_id = ? AND status IN ('UPCOMING', 'OFFER_SENT') AND ends_at <= ?
        ORDER BY ends_at, id""").params(organizationId, ts(until)).query(this::map).list();
  }

  /** Renewals whose end has passed and whose end was not yet announced. */
  List<Renewal> endedUnannounced(UUID organizationId, Instant now) {
    return jdbc.sql("""
        SELECT * FROM renewal r WHERE r.organization_id = ? AND r.ends_at <= ?
          AND NOT EXISTS (SELECT 1 FROM renewal_alert a WHERE a.organization_id = r.organization_id
            AND a.order_id = r.id AND a.threshold = 'ENDED')
        ORDER BY ends_at, id""").params(organizationId, ts(now)).query(this::map).list();
  }

  /** Renewals with a renewal offer whose answer is still awaited (or that lapsed while it was). */
  List<Renewal> withPendingOffer(UUID organizationId) {
    return jdbc.sql("""
        SELECT * FROM renewal WHERE organization_id = ? AND renewal_offer_id IS NOT NULL
          AND status IN ('UPCOMING', 'OFFER_SENT', 'LAPSED')""").param(organizationId).query(this::map).list();
  }

  /**
   * Claims an alert of an order at a threshold: true for the one caller (of any instance, ever) that
   * inserted the key. {@code sent} false records a threshold passed over because a nearer one was due.
   */
  boolean claimAlert(UUID organizationId, UUID orderId, String threshold, boolean sent, Instant at) {
    return jdbc.sql("""
        INSERT INTO renewal_alert (order_id, threshold, organization_id, sent, at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (order_id, threshold) DO NOTHING""")
        .params(orderId, threshold, organizationId, sent, ts(at)).update() == 1;
  }

  /** The alerts sent for an order, in the order they were sent. */
  List<String> alertsSent(UUID organizationId, UUID orderId) {
    return jdbc.sql("""
        SELECT threshold FROM renewal_alert WHERE organization_id = ? AND order_id = ? AND sent ORDER BY at""")
        .params(organizationId, orderId).query(String.class).list();
  }

  private MapSqlParameterSource params(Renewal r) {
    return new MapSqlParameterSource()
        .addValue("id", r.id()).addValue("org", r.organizationId()).addValue("agreement", r.agreementId())
        .addValue("buyer", r.buyerAccountId()).addValue("product", r.productId()).addValue("endsAt", ts(r.endsAt()))
        .addValue("currency", r.currency())
        .addValue("value", r.contractValue() == null ? null : r.contractValue().amount())
        .addValue("owner", r.owner()).addValue("status", r.status().name()).addValue("reason", r.churnReason())
        .addValue("offer", r.renewalOfferId()).addValue("renewedBy", r.renewedByOrderId())
        .addValue("version", r.version()).addValue("at", ts(r.createdAt())).addValue("updatedAt", ts(r.updatedAt()));
  }

  private Renewal map(ResultSet rs, int row) throws SQLException {
    return new Renewal(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
        rs.getString("agreement_id"), rs.getString("buyer_account_id"), rs.getString("product_id"),
        rs.getTimestamp("ends_at").toInstant(),
        MoneyFormat.of(rs.getBigDecimal("contract_value"), rs.getString("currency")), rs.getString("owner"),
        RenewalStatus.valueOf(rs.getString("status")), rs.getString("churn_reason"),
        rs.getObject("renewal_offer_id", UUID.class), rs.getObject("renewed_by_order_id", UUID.class),
        rs.getInt("version"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i.truncatedTo(ChronoUnit.MICROS));
  }
}
