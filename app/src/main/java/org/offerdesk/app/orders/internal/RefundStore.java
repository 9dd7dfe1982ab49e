package org.offerdesk.app.orders.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The refunds of orders; every query is scoped to one organization. */
@Repository
class RefundStore {

  private final JdbcClient jdbc;

  RefundStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the refund unless its client token or adjustment is recorded already; false when it was. */
  boolean insert(Refund r) {
    return jdbc.sql("""
        INSERT INTO order_refund (id, organization_id, order_id, agreement_id, invoice_id, amount, currency,
          reason_code, description, client_token, adjustment_request_id, status, status_message, requested_by,
          requested_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
        .params(r.id(), r.organizationId(), r.orderId(), r.agreementId(), r.invoiceId(), r.amount().amount(),
            r.amount().currency().getCurrencyCode(), r.reasonCode(), r.description(), r.clientToken(),
            r.adjustmentRequestId(), r.status(), r.statusMessage(), r.requestedBy(), ts(r.requestedAt()),
            ts(r.updatedAt()))
        .update() == 1;
  }

  List<Refund> ofOrder(UUID organizationId, UUID orderId) {
    return jdbc.sql("SELECT * FROM order_refund WHERE organization_id = ? AND order_id = ? ORDER BY requested_at, id")
        .params(organizationId, orderId).query(RefundStore::map).list();
  }

  Optional<Refund> byClientToken(UUID organizationId, String clientToken) {
    return jdbc.sql("SELECT * FROM order_refund WHERE organization_id = ? AND client_token = ?")
        .params(organizationId, clientToken).query(RefundStore::map).optional();
  }

  Optional<Refund> byAdjustment(UUID organizationId, String adjustmentRequestId) {
    return jdbc.sql("SELECT * FROM order_refund WHERE organization_id = ? AND adjustment_request_id = ?")
        .params(organizationId, adjustmentRequestId).query(RefundStore::map).optional();
  }

  /** The refunds still pending that were requested before {@code before}, oldest first. */
  List<Refund> pending(UUID organizationId, Instant before) {
    return jdbc.sql("""
        SELECT * FROM order_refund WHERE organization_id = ? AND status = 'PENDING' AND requested_at < ?
        ORDER BY requested_at, id LIMIT 100""")
        .params(organizationId, ts(before)).query(RefundStore::map).list();
  }

  /** Moves a pending refund to its final status; false when it was no longer pending. */
  boolean settle(UUID organizationId, UUID id, String status, String message, Instant at) {
    return jdbc.sql("""
        UPDATE order_refund SET status = ?, status_message = ?, updated_at = ?
        WHERE organization_id = ? AND id = ? AND status = 'PENDING'""")
        .params(status, message, ts(at), organizationId, id).update() == 1;
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i.truncatedTo(ChronoUnit.MICROS));
  }

  private static Refund map(ResultSet rs, int row) throws SQLException {
    return new Refund(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
        rs.getObject("order_id", UUID.class), rs.getString("agreement_id"), rs.getString("invoice_id"),
        Money.of(rs.getBigDecimal("amount"), rs.getString("currency")), rs.getString("reason_code"),
        rs.getString("description"), rs.getString("client_token"), rs.getString("adjustment_request_id"),
        rs.getString("status"), rs.getString("status_message"), rs.getString("requested_by"),
        rs.getTimestamp("requested_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }
}
