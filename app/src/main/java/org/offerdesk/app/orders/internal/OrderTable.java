package org.offerdesk.app.orders.internal;

import org.offerdesk.app.money.MoneyFormat;
import java.time.LocalDate;
import java.util.List;
import org.offerdesk.app.orders.BookingKind;
import org.offerdesk.app.orders.OrderKind;
import org.offerdesk.app.orders.OrderStatus;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.FilterField;
import org.offerdesk.app.web.table.SortKey;
import org.offerdesk.app.web.table.TableParams;

/**
 * The orders table as the API, the console page and the export all read it: its filters, its one order
 * (newest first, a keyset for stable cursor pages) and its CSV columns. The SQL is in {@link OrderStore}.
 */
final class OrderTable {

  private OrderTable() {}

  /** What the orders table filters by; null means any. */
  record Filter(OrderStatus status, OrderKind kind, String q, BookingKind bookingKind, String owner,
      LocalDate acceptedFrom, LocalDate acceptedTo, LocalDate endsFrom, LocalDate endsTo, boolean active) {

    static Filter from(TableParams p) {
      return new Filter(p.choice("status", OrderStatus.class), p.choice("kind", OrderKind.class), p.text("q"),
          p.choice("bookingKind", BookingKind.class), p.text("owner"), p.date("acceptedFrom"), p.date("acceptedTo"),
          p.date("endsFrom"), p.date("endsTo"), p.flag("active"));
    }

    /** The same filter with any status: what the per-status counts are taken under. */
    Filter anyStatus() {
      return new Filter(null, kind, q, bookingKind, owner, acceptedFrom, acceptedTo, endsFrom, endsTo, active);
    }
  }

  static final SortKey<Order> NEWEST = SortKey.byId("newest", "created_at", SortKey.Type.TIMESTAMP, true,
      o -> o.createdAt().toString(), Order::id);

  /** The columns of the CSV export, one line per order. */
  static final List<CsvColumn<Order>> CSV = List.of(
      CsvColumn.of("id", Order::id),
      CsvColumn.of("kind", Order::kind),
      CsvColumn.of("status", Order::status),
      CsvColumn.of("agreement_id", Order::agreementId),
      CsvColumn.of("buyer_account_id", Order::buyerAccountId),
      CsvColumn.of("company", o -> o.registration() == null ? null : o.registration().company()),
      CsvColumn.of("product_id", Order::productId),
      CsvColumn.of("currency", Order::currency),
      CsvColumn.of("total_contract_value", o -> MoneyFormat.cell(o.totalContractValue())),
      CsvColumn.of("accepted_at", Order::acceptedAt),
      CsvColumn.of("registered_by", o -> o.registration() == null ? null : o.registration().source()),
      CsvColumn.of("offer_id", Order::offerId),
      CsvColumn.of("flags", o -> String.join(" ", o.flags())));

  /** The filter bar of the console page. */
  static final List<FilterField> FIELDS = List.of(
      FilterField.search("Buyer account, agreement, offer or product ID, company, email", 4),
      FilterField.choice("status", "Status", OrderStatus.class, 3),
      FilterField.choice("kind", "Kind", OrderKind.class, 3),
      FilterField.choice("bookingKind", "Booked as", BookingKind.class, 2),
      FilterField.text("owner", "Offer owner", "email", 2),
      FilterField.date("acceptedFrom", "Accepted from", 2),
      FilterField.date("acceptedTo", "Accepted to", 2),
      FilterField.date("endsFrom", "Ends from", 2),
      FilterField.date("endsTo", "Ends to", 2),
      FilterField.choice("active", "Active orders", "Any", java.util.Map.of("true", "Not cancelled or ended"), 2));
}
