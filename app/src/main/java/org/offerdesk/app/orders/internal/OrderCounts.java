package org.offerdesk.app.orders.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.orders.OrderKind;
import org.offerdesk.app.orders.OrderStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the orders page counts: orders per status (the chips and the chart), and those flagged for action. */
@Repository
class OrderCounts {

  private final JdbcClient jdbc;
  private final OrderStore orders;

  OrderCounts(JdbcClient jdbc, OrderStore orders) {
    this.jdbc = jdbc;
    this.orders = orders;
  }

  /** Orders per status under the kind and search filters (the status filter is what the chips choose). */
  Map<OrderStatus, Long> byStatus(UUID organizationId, OrderKind kind, String q) {
    StringBuilder sql = new StringBuilder("SELECT status, count(*) AS n FROM customer_order WHERE organization_id = :org");
    MapSqlParameterSource p = new MapSqlParameterSource("org", organizationId);
    OrderQueries.where(new OrderQueries.Filter(null, kind, q), sql, p);
    sql.append(" GROUP BY status");
    Map<OrderStatus, Long> counts = new EnumMap<>(OrderStatus.class);
    for (OrderStatus s : OrderStatus.values()) {
      counts.put(s, 0L);
    }
    jdbc.sql(sql.toString()).paramSource(p).query((rs, row) -> counts.put(OrderStatus.valueOf(rs.getString("status")),
        rs.getLong("n"))).list();
    return counts;
  }

  long total(UUID organizationId) {
    return jdbc.sql("SELECT count(*) FROM customer_order WHERE organization_id = ?").param(organizationId)
        .query(Long.class).single();
  }

  /** Open orders carrying a flag, oldest first: what needs the seller's action. */
  List<Order> flagged(UUID organizationId, String flag) {
    return orders.list(organizationId, """
        SELECT * FROM customer_order WHERE organization_id = :org AND :flag = ANY (flags)
          AND status NOT IN ('CANCELLED', 'ENDED') ORDER BY created_at LIMIT 20""",
        new MapSqlParameterSource("flag", flag));
  }
}
