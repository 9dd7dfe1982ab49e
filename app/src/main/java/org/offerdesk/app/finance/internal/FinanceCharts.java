package org.offerdesk.app.finance.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.web.chart.BarChart;

/**
 * The finance page's three charts, in one currency each (the one with the most money; the tables beside them
 * list every currency): invoiced, collected and disbursed per month of the last twelve; what the payment
 * schedules bring in each of the next twelve; and what is overdue by age.
 */
record FinanceCharts(String currency, BarChart monthly, BarChart forecast, BarChart overdue) {

  /** The age buckets of the overdue chart, as {@link LedgerQueries#overdueByAge} names them. */
  static final List<String> AGES = List.of("<31", "31-60", "61-90", "91-120", ">120");

  static FinanceCharts of(LocalDate today, List<Map<String, Object>> monthly,
      List<FinanceSummary.ForecastMonth> forecast, List<Map<String, Object>> overdue) {
    Map<String, BigDecimal> weight = new LinkedHashMap<>();
    monthly.forEach(r -> weight.merge((String) r.get("currency"), LedgerQueries.amount(r, "invoiced").abs(), BigDecimal::add));
    forecast.forEach(f -> weight.merge(f.currency(), new BigDecimal(f.amount()).abs(), BigDecimal::add));
    overdue.forEach(r -> weight.merge((String) r.get("currency"), LedgerQueries.amount(r, "amount").abs(), BigDecimal::add));
    String currency = weight.entrySet().stream().max(Map.Entry.<String, BigDecimal>comparingByValue()
        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);

    YearMonth now = YearMonth.from(today);
    List<BarChart.Column> past = new ArrayList<>();
    for (YearMonth m = now.minusMonths(11); !m.isAfter(now); m = m.plusMonths(1)) {
      YearMonth month = m;
      Map<String, Object> row = monthly.stream().filter(r -> month.toString().equals(r.get("month"))
          && Objects.equals(currency, r.get("currency"))).findFirst().orElse(Map.of());
      String link = "/finance?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
      past.add(new BarChart.Column(BarChart.monthLabel(month), List.of("invoiced", "collected", "disbursed").stream()
          .map(kind -> value(kind, month + " " + kind, LedgerQueries.amount(row, kind), currency, link)).toList()));
    }
    Map<YearMonth, String> scheduled = forecast.stream().filter(f -> f.currency().equals(currency))
        .collect(Collectors.toMap(FinanceSummary.ForecastMonth::month, FinanceSummary.ForecastMonth::amount));
    List<BarChart.Column> ahead = new ArrayList<>();
    for (YearMonth m = now; m.isBefore(now.plusMonths(12)); m = m.plusMonths(1)) {
      BigDecimal amount = scheduled.containsKey(m) ? new BigDecimal(scheduled.get(m)) : BigDecimal.ZERO;
      ahead.add(new BarChart.Column(BarChart.monthLabel(m),
          List.of(value("scheduled", m + " scheduled", amount, currency, null))));
    }
    Map<String, BigDecimal> byAge = overdue.stream().filter(r -> Objects.equals(currency, r.get("currency")))
        .collect(Collectors.toMap(r -> (String) r.get("age"), r -> LedgerQueries.amount(r, "amount")));
    List<BarChart.Column> ages = AGES.stream().map(age -> new BarChart.Column(age + " d", List.of(value("overdue",
        age + " days overdue", byAge.getOrDefault(age, BigDecimal.ZERO), currency, "/finance?status=OVERDUE"))))
        .toList();
    return new FinanceCharts(currency,
        BarChart.grouped(series("invoiced", "collected", "disbursed"), past),
        BarChart.grouped(series("scheduled"), ahead),
        BarChart.grouped(series("overdue"), ages));
  }

  private static BarChart.Value value(String series, String what, BigDecimal amount, String currency, String link) {
    String shown = currency == null ? amount.toPlainString() : MoneyFormat.display(Money.of(amount, currency));
    return new BarChart.Value(series, amount, what + ": " + shown, link);
  }

  private static List<BarChart.Series> series(String... kinds) {
    return List.of(kinds).stream().map(k -> new BarChart.Series(k, k, "money-" + k)).toList();
  }
}
