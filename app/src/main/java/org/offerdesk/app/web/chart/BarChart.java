package org.offerdesk.app.web.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.offerdesk.app.web.Html;

/**
 * A bar chart laid out for {@code fragments/chart.html}: one column per label (a month, an age), each
 * column's values either stacked into one bar or side by side, every bar scaled to the largest column. A
 * value carries its own hover text and, if it has one, the link to what it adds up. The chart writes its own
 * SVG ({@link #html}): drawn by the template it was about ten expressions a bar, a third of the finance
 * page's rendering.
 *
 * @param width the drawing's width in SVG units
 * @param height the drawing's height in SVG units
 * @param bars the columns as drawn
 * @param legend the series, in order, with their CSS classes
 */
public record BarChart(int width, int height, List<Bar> bars, List<Legend> legend) {

  static final int COLUMN = 28;
  static final int GAP = 14;
  static final int PLOT = 150;
  static final int TOP = 10;

  /** A series of values (a booking kind, "collected"), drawn with its CSS class. */
  public record Series(String key, String label, String css) {}

  /** One series' amount in a column; {@code link} may be null. */
  public record Value(String series, BigDecimal amount, String title, String link) {}

  /** A column of the chart with its label and values (a missing series draws nothing). */
  public record Column(String label, List<Value> values) {}

  /** A column as drawn: its label's place and its segments. */
  public record Bar(String label, int labelX, List<Segment> segments) {}

  /** One value as drawn. */
  public record Segment(String series, int x, int y, int width, int height, String title, String link, String css) {}

  /** A series in the legend. */
  public record Legend(String label, String css) {}

  /** Each column's values stacked into one bar (parts of a whole, such as bookings by kind). */
  public static BarChart stacked(List<Series> series, List<Column> columns) {
    return layout(series, columns, true);
  }

  /** Each column's values side by side (amounts to compare, such as invoiced against collected). */
  public static BarChart grouped(List<Series> series, List<Column> columns) {
    return layout(series, columns, false);
  }

  private static BarChart layout(List<Series> series, List<Column> columns, boolean stacked) {
    BigDecimal max = columns.stream().map(c -> stacked
            ? c.values().stream().map(BarChart::positive).reduce(BigDecimal.ZERO, BigDecimal::add)
            : c.values().stream().map(BarChart::positive).max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO))
        .max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
    int slot = stacked ? COLUMN : Math.max(COLUMN / Math.max(series.size(), 1), 4);
    int columnWidth = stacked ? COLUMN : slot * series.size();
    List<Bar> bars = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      Column column = columns.get(c);
      int x = GAP + c * (columnWidth + GAP);
      int bottom = TOP + PLOT;
      List<Segment> segments = new ArrayList<>();
      for (int s = 0; s < series.size(); s++) {
        Series one = series.get(s);
        Value value = column.values().stream().filter(v -> one.key().equals(v.series())).findFirst().orElse(null);
        if (value == null || max.signum() == 0 || positive(value).signum() == 0) {
          continue;
        }
        int h = Math.max(positive(value).multiply(BigDecimal.valueOf(PLOT)).divide(max, 0, RoundingMode.HALF_UP)
            .intValue(), 2);
        int top = (stacked ? bottom : TOP + PLOT) - h;
        segments.add(new Segment(one.key(), stacked ? x : x + s * slot, top, slot, h, value.title(), value.link(),
            one.css()));
        if (stacked) {
          bottom = top;
        }
      }
      bars.add(new Bar(column.label(), x + columnWidth / 2, segments));
    }
    return new BarChart(GAP + columns.size() * (columnWidth + GAP), TOP + PLOT + 24, bars,
        series.stream().map(s -> new Legend(s.label(), s.css())).toList());
  }

  /** Negative amounts (money going out) are drawn by their size; null draws nothing. */
  private static BigDecimal positive(Value value) {
    return Objects.requireNonNullElse(value.amount(), BigDecimal.ZERO).abs();
  }

  /** True when no column has anything to draw. */
  public boolean isEmpty() {
    return bars.stream().allMatch(b -> b.segments().isEmpty());
  }

  /**
   * The chart's SVG and legend, escaped, as {@code fragments/chart.html} puts them into its figure: each value a
   * rect (inside a link where it has one) with its hover text in a title, each column's label under it.
   */
  public String html(String testid, String label) {
    StringBuilder out = new StringBuilder(4096);
    out.append("<svg class=\"bar-chart\" role=\"img\" aria-label=\"").append(Html.escape(label))
        .append("\" data-testid=\"").append(Html.escape(testid))
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\">");
    for (Bar b : bars) {
      out.append("<g>");
      for (Segment s : b.segments()) {
        if (s.link() != null) {
          out.append("<a href=\"").append(Html.escape(s.link())).append("\" data-series=\"").append(Html.escape(s.series()))
              .append("\">");
          rect(out, s, false);
          out.append("</a>");
        } else {
          rect(out, s, true);
        }
      }
      out.append("<text class=\"bar-label\" text-anchor=\"middle\" x=\"").append(b.labelX()).append("\" y=\"")
          .append(height - 6).append("\">").append(Html.escape(b.label())).append("</text></g>");
    }
    out.append("</svg>");
    if (legend.size() > 1) {
      out.append("<figcaption class=\"small d-flex gap-3\">");
      for (Legend l : legend) {
        out.append("<span><span class=\"legend-swatch ").append(Html.escape(l.css())).append("\"></span> <span>")
            .append(Html.escape(l.label())).append("</span></span>");
      }
      out.append("</figcaption>");
    }
    return out.toString();
  }

  private static void rect(StringBuilder out, Segment s, boolean series) {
    out.append("<rect x=\"").append(s.x()).append("\" y=\"").append(s.y()).append("\" width=\"").append(s.width())
        .append("\" height=\"").append(s.height()).append('"');
    if (series) {
      out.append(" data-series=\"").append(Html.escape(s.series())).append('"');
    }
    out.append(" class=\"").append(Html.escape(s.css())).append("\"><title>").append(Html.escape(s.title()))
        .append("</title></rect>");
  }


  /** The months' short English names, as {@code getDisplayName(TextStyle.SHORT, Locale.ENGLISH)} writes them. */
  private static final String[] MONTH_NAMES = Arrays.stream(Month.values())
      .map(m -> m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toArray(String[]::new);

  /**
   * A month as the charts label it: {@code Jan '26}. Without {@code String.format}, whose {@code Formatter} looked
   * up the locale's decimal symbols on every call (nine calls a dashboard page).
   */
  public static String monthLabel(YearMonth month) {
    int year = month.getYear() % 100;
    String name = MONTH_NAMES[month.getMonthValue() - 1];
    return year < 0 ? name + " '" + String.format("%02d", year) : name + (year < 10 ? " '0" : " '") + year;
  }
}
