package org.offerdesk.app.dashboard.internal;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.orders.BookingKind;
import org.offerdesk.app.web.chart.BarChart;

/**
 * The bookings chart: one stacked bar per month of the period, a segment per booking kind, each segment a
 * link to the orders it adds up (drawn by {@code fragments/chart.html}). It charts one currency, the one most
 * booked; the table beside it lists every currency.
 */
record BookingsChart(String currency, BarChart bars) {

  static BookingsChart of(Period period, List<DashboardView.BookingItem> items) {
    String currency = items.stream().filter(i -> i.currency() != null)
        .collect(Collectors.groupingBy(DashboardView.BookingItem::currency, Collectors.counting()))
        .entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey).orElse(null);
    List<BarChart.Series> series = Arrays.stream(BookingKind.values())
        .map(k -> new BarChart.Series(k.name(), k.name().toLowerCase(Locale.ROOT), css(k))).toList();
    List<BarChart.Column> columns = period.months().stream().map(month -> new BarChart.Column(
        BarChart.monthLabel(month), items.stream()
            .filter(i -> currency != null && currency.equals(i.currency()) && i.contractValue() != null)
            .filter(i -> i.month().equals(month.toString()))
            .map(i -> new BarChart.Value(i.kind().name(), new BigDecimal(i.contractValue()), title(month, i), i.link()))
            .toList())).toList();
    return new BookingsChart(currency, BarChart.stacked(series, columns));
  }

  public boolean isEmpty() {
    return bars.isEmpty();
  }

  private static String title(YearMonth month, DashboardView.BookingItem item) {
    return BarChart.monthLabel(month) + " · " + item.kind().name().toLowerCase(Locale.ROOT) + ": "
        + MoneyFormat.display(Money.of(item.contractValue(), item.currency())) + " (" + item.count()
        + (item.count() == 1 ? " order)" : " orders)");
  }

  static String css(BookingKind kind) {
    return "booking-" + kind.name().toLowerCase(Locale.ROOT);
  }
}
