package org.offerdesk.app.orders.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.orders.BookingKind;
import org.offerdesk.app.orders.OrderFigures;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.sql.SqlReads;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's order figures in SQL, over the indexes of V41 ({@code customer_order_by_acceptance},
 * {@code customer_order_active_by_end}). The conditions here are also the orders table's filters
 * ({@link OrderStore#table}), so a figure and the table it links to count the same rows.
 */
@Repository
class OrderFigureStore implements OrderFigures {

  /**
   * The booking kind of an order, from its own row: the renewal flag is copied from its offer when the order is
   * made (reading each order's offer instead costs a lookup per order, seconds for a year at a million offers),
   * and it is in the acceptance index with the kind.
   */
  static final String BOOKING_KIND = """
      CASE WHEN customer_order.renewal THEN 'RENEWAL' WHEN customer_order.kind = 'AMENDMENT' THEN 'AMENDMENT'
        WHEN customer_order.kind = 'PARTNER' THEN 'PARTNER' ELSE 'NEW' END""";

  /** Orders accepted from an offer that {@code :value} owns. */
  static final String OWNED_BY = """
      EXISTS (SELECT 1 FROM offer o WHERE o.organization_id = customer_order.organization_id
                AND o.id = customer_order.offer_id AND o.owner = :value)""";

  /** Orders still running: neither cancelled nor ended. */
  static final String ACTIVE = "customer_order.status NOT IN ('CANCELLED', 'ENDED')";

  /** Where a day of the orders' dates begins: a UTC day, as everywhere in the console. */
  static OffsetDateTime startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
  }

  private static String ofOwner(String owner) {
    return owner == null ? "" : " AND " + OWNED_BY.replace(":value", ":owner");
  }

  @Override
  public SqlReads.Read<List<Booking>> bookings(UUID organizationId, LocalDate from, LocalDate to, String owner) {
    return SqlReads.Read.named("SELECT to_char(accepted_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, " + BOOKING_KIND
            + " AS booking_kind, currency, count(*) AS n, sum(total_contract_value) AS total FROM customer_order"
            + " WHERE organization_id = :org AND accepted_at >= :from AND accepted_at < :until" + ofOwner(owner)
            + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        SqlReads.Read.params("org", organizationId, "from", startOf(from), "until", startOf(to.plusDays(1)),
            "owner", owner),
        SqlReads.Read.rows((rs, row) -> new Booking(YearMonth.parse(rs.getString("month")),
            BookingKind.valueOf(rs.getString("booking_kind")), rs.getString("currency"), rs.getLong("n"),
            money(rs))));
  }

  /** Both statuses in one range of {@code customer_order_by_status}. */
  @Override
  public SqlReads.Read<Waiting> waiting(UUID organizationId, String owner) {
    return SqlReads.Read.named("""
            SELECT count(*) FILTER (WHERE status = :registration) AS registration,
              count(*) FILTER (WHERE status = :provisioning) AS provisioning
            FROM customer_order WHERE organization_id = :org AND status IN (:registration, :provisioning)"""
            + ofOwner(owner),
        SqlReads.Read.params("org", organizationId, "registration", OrderStatus.PENDING_REGISTRATION.name(),
            "provisioning", OrderStatus.REGISTERED.name(), "owner", owner),
        SqlReads.Read.single((rs, row) -> new Waiting(rs.getLong("registration"), rs.getLong("provisioning"))));
  }

  @Override
  public SqlReads.Read<List<Tally>> ending(UUID organizationId, LocalDate from, LocalDate to, String owner) {
    return SqlReads.Read.named("SELECT currency, count(*) AS n, sum(total_contract_value) AS total FROM customer_order"
            + " WHERE organization_id = :org AND " + ACTIVE + " AND ends_at >= :from AND ends_at < :until"
            + ofOwner(owner) + " GROUP BY currency ORDER BY currency",
        SqlReads.Read.params("org", organizationId, "from", startOf(from), "until", startOf(to.plusDays(1)),
            "owner", owner),
        SqlReads.Read.rows((rs, row) -> new Tally(rs.getString("currency"), rs.getLong("n"), money(rs))));
  }

  private static Money money(ResultSet rs) throws SQLException {
    String currency = rs.getString("currency");
    BigDecimal total = rs.getBigDecimal("total");
    return currency == null || total == null ? null : Money.of(total, currency);
  }
}
