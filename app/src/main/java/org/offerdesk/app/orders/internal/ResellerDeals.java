package org.offerdesk.app.orders.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.offers.ResellerDeal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A reseller's deal on each of its partner orders (margin per deal), kept once per order. */
@Repository
class ResellerDeals {

  private final JdbcClient jdbc;

  ResellerDeals(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(UUID organizationId, UUID orderId, ResellerDeal d, Instant at) {
    jdbc.sql("""
        INSERT INTO reseller_deal (order_id, organization_id, currency, markup_percent, wholesale_cost, buyer_price,
          margin, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING""")
        .params(orderId, organizationId, d.margin().currency().getCurrencyCode(), d.markupPercent(),
            d.wholesaleCost().amount(), d.buyerPrice().amount(), d.margin().amount(),
            Timestamp.from(at.truncatedTo(ChronoUnit.MICROS)))
        .update();
  }

  Optional<ResellerDeal> find(UUID organizationId, UUID orderId) {
    return Optional.ofNullable(of(organizationId, List.of(orderId)).get(orderId));
  }

  /** The deals of these orders of the organization (those that have one), by order. */
  Map<UUID, ResellerDeal> of(UUID organizationId, Collection<UUID> orderIds) {
    Map<UUID, ResellerDeal> deals = new HashMap<>();
    if (orderIds.isEmpty()) {
      return deals;
    }
    jdbc.sql("SELECT * FROM reseller_deal WHERE organization_id = ? AND order_id = ANY(?)")
        .params(organizationId, orderIds.toArray(UUID[]::new))
        .query((rs, row) -> {
          String currency = rs.getString("currency");
          BigDecimal markup = rs.getBigDecimal("markup_percent").stripTrailingZeros();
          return deals.put(rs.getObject("order_id", UUID.class), new ResellerDeal(
              markup.scale() < 1 ? markup.setScale(1) : markup,
              Money.of(rs.getBigDecimal("wholesale_cost"), currency), Money.of(rs.getBigDecimal("buyer_price"), currency),
              Money.of(rs.getBigDecimal("margin"), currency)));
        }).list();
    return deals;
  }
}
