package org.offerdesk.app.dashboard.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.orders.BookingKind;

/**
 * The bookings chart, drawn on the server as SVG (no script, nothing to load): one stacked bar per month of
 * the period, a segment per booking kind, each segment a link to the orders it adds up. It charts one
 * currency, the one most booked; the table beside it lists every currency.
 */
record BookingsChart(String currency, int width, int height, List<Bar> bars, List<Legend> legend) {

  static final int BAR = 28;
  static final int GAP = 14;
  static final int PLOT = 150;
  static final int TOP = 10;

  /** One month's bar with its label. */
  record Bar(String label, int x, int labelX, List<Segment> segments) {}

  /** One kind's part of a month: where it is drawn, what it says on hover, where it links. */
  record Segment(BookingKind kind, int y, int height, String title, String link, String css) {}

  record Legend(BookingKind kind, String css) {}

  static BookingsChart of(Period period, List<DashboardView.BookingItem> items) {
    String currency = items.stream().filter(i -> i.currency() != null)
        .collect(Collectors.groupingBy(DashboardView.BookingItem::currency, Collectors.counting()))
        .entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey).orElse(null);
    List<DashboardView.BookingItem> charted = items.stream()
        .filter(i -> currency != null && currency.equals(i.currency()) && i.contractValue() != null).toList();
    Map<String, BigDecimal> perMonth = charted.stream().collect(Collectors.groupingBy(
        DashboardView.BookingItem::month, Collectors.reducing(BigDecimal.ZERO, i -> new BigDecimal(i.contractValue()),
            BigDecimal::add)));
    BigDecimal max = perMonth.values().stream().max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
    List<Bar> bars = new ArrayList<>();
    List<YearMonth> months = period.months();
    for (int m = 0; m < months.size(); m++) {
      YearMonth month = months.get(m);
      int x = GAP + m * (BAR + GAP);
      int bottom = TOP + PLOT;
      List<Segment> segments = new ArrayList<>();
      Map<BookingKind, DashboardView.BookingItem> byKind = charted.stream()
          .filter(i -> i.month().equals(month.toString()))
          .collect(Collectors.toMap(DashboardView.BookingItem::kind, Function.identity()));
      for (BookingKind kind : BookingKind.values()) {
        DashboardView.BookingItem item = byKind.get(kind);
        if (item == null || max.signum() == 0) {
          continue;
        }
        int h = new BigDecimal(item.contractValue()).multiply(BigDecimal.valueOf(PLOT))
            .divide(max, 0, RoundingMode.HALF_UP).intValue();
        h = Math.max(h, 2);
        bottom -= h;
        segments.add(new Segment(kind, bottom, h, label(month) + " · " + kind.name().toLowerCase() + ": "
            + MoneyFormat.display(Money.of(item.contractValue(), currency)) + " (" + item.count()
            + (item.count() == 1 ? " order)" : " orders)"), item.link(), css(kind)));
      }
      bars.add(new Bar(label(month), x, x + BAR / 2, segments));
    }
    List<Legend> legend = java.util.Arrays.stream(BookingKind.values()).map(k -> new Legend(k, css(k))).toList();
    return new BookingsChart(currency, GAP + months.size() * (BAR + GAP), TOP + PLOT + 24, bars, legend);
  }

  public boolean isEmpty() {
    return bars.stream().allMatch(b -> b.segments().isEmpty());
  }

  /** The width of a bar, for the page (pages read only public members). */
  public int barWidth() {
    return BAR;
  }

  private static String label(YearMonth month) {
    return month.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " '"
        + String.format("%02d", month.getYear() % 100);
  }

  static String css(BookingKind kind) {
    return "booking-" + kind.name().toLowerCase();
  }
}
