package org.offerdesk.app.finance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.web.chart.BarChart;

/** The finance page's charts laid out from the ledger's sums: months, forecast and ages in their places. */
class FinanceChartsTest {

  static final LocalDate TODAY = LocalDate.of(2027, 3, 15);

  @Test
  void each_chart_puts_its_amounts_in_their_month_or_age_in_the_currency_with_the_most_money() {
    List<Map<String, Object>> monthly = List.of(
        Map.of("month", "2027-01", "currency", "USD", "invoiced", new BigDecimal("6000.00"),
            "collected", new BigDecimal("5820.00"), "disbursed", new BigDecimal("5820.00")),
        Map.of("month", "2027-03", "currency", "EUR", "invoiced", new BigDecimal("100.00"),
            "collected", BigDecimal.ZERO, "disbursed", BigDecimal.ZERO));
    List<FinanceSummary.ForecastMonth> forecast = List.of(
        new FinanceSummary.ForecastMonth(YearMonth.of(2027, 5), "USD", "4000.00"));
    List<Map<String, Object>> overdue = List.of(Map.of("currency", "USD", "age", "61-90", "amount",
        new BigDecimal("2500.00")));

    FinanceCharts charts = FinanceCharts.of(TODAY, monthly, forecast, overdue);

    assertThat(charts.currency()).isEqualTo("USD");
    // the last twelve months, oldest first, three bars each; January's side by side, the euros left out
    assertThat(charts.monthly().bars()).hasSize(12);
    assertThat(charts.monthly().bars().get(0).label()).isEqualTo("Apr '26");
    BarChart.Bar january = charts.monthly().bars().get(9);
    assertThat(january.label()).isEqualTo("Jan '27");
    assertThat(january.segments()).extracting(BarChart.Segment::series)
        .containsExactly("invoiced", "collected", "disbursed");
    assertThat(january.segments().get(0).title()).isEqualTo("2027-01 invoiced: 6,000.00 USD");
    assertThat(january.segments().get(0).link()).isEqualTo("/finance?from=2027-01-01&to=2027-01-31");
    assertThat(january.segments().get(1).x()).isGreaterThan(january.segments().get(0).x());
    assertThat(charts.monthly().bars().get(11).segments()).isEmpty();
    // the next twelve months from this one; May holds the installment
    assertThat(charts.forecast().bars()).extracting(BarChart.Bar::label).startsWith("Mar '27", "Apr '27", "May '27")
        .hasSize(12);
    assertThat(charts.forecast().bars().get(2).segments()).singleElement()
        .satisfies(s -> assertThat(s.title()).isEqualTo("2027-05 scheduled: 4,000.00 USD"));
    assertThat(charts.forecast().bars().get(1).segments()).isEmpty();
    // the five ages; 61–90 days holds the overdue invoice, at the chart's full height
    assertThat(charts.overdue().bars()).extracting(BarChart.Bar::label)
        .containsExactly("<31 d", "31-60 d", "61-90 d", "91-120 d", ">120 d");
    assertThat(charts.overdue().bars().get(2).segments()).singleElement()
        .satisfies(s -> assertThat(s.height()).isEqualTo(150));
    assertThat(charts.overdue().isEmpty()).isFalse();
  }

  @Test
  void a_chart_writes_its_svg_escaped_with_each_value_linked_and_titled() {
    FinanceCharts charts = FinanceCharts.of(TODAY, List.of(Map.of("month", "2027-01", "currency", "USD",
        "invoiced", new BigDecimal("6000.00"), "collected", BigDecimal.ZERO, "disbursed", BigDecimal.ZERO)),
        List.of(), List.of(Map.of("currency", "USD", "age", "<31", "amount", new BigDecimal("10.00"))));

    String monthly = charts.monthly().html("monthly-chart", "Invoiced & collected");
    assertThat(monthly).startsWith("<svg class=\"bar-chart\" role=\"img\" aria-label=\"Invoiced &amp; collected\""
        + " data-testid=\"monthly-chart\" viewBox=\"0 0 " + charts.monthly().width() + " " + charts.monthly().height()
        + "\"");
    assertThat(monthly).contains("<a href=\"/finance?from=2027-01-01&amp;to=2027-01-31\" data-series=\"invoiced\">"
        + "<rect x=\"").contains("class=\"money-invoiced\"><title>2027-01 invoiced: 6,000.00 USD</title></rect></a>")
        .contains(">Jan &#39;27</text>")
        // one drawn value: nothing for the months and series without money; the legend names all three
        .containsOnlyOnce("<rect").contains("<figcaption class=\"small d-flex gap-3\">")
        .contains("<span class=\"legend-swatch money-disbursed\"></span> <span>disbursed</span>");
    String overdue = charts.overdue().html("overdue-chart", "Overdue");
    assertThat(overdue).contains(">&lt;31 d</text>").doesNotContain("<figcaption");
  }

  @Test
  void a_ledger_without_money_draws_nothing() {
    FinanceCharts charts = FinanceCharts.of(TODAY, List.of(), List.of(), List.of());
    assertThat(charts.currency()).isNull();
    assertThat(charts.monthly().isEmpty()).isTrue();
    assertThat(charts.forecast().isEmpty()).isTrue();
    assertThat(charts.overdue().isEmpty()).isTrue();
  }
}
