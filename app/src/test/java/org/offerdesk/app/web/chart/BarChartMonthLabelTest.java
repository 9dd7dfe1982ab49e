package org.offerdesk.app.web.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The charts' month labels ({@code Jan '26}), as the label written with {@code String.format} was. */
class BarChartMonthLabelTest {

  @Test
  void labelsEveryMonthAsBefore() {
    assertThat(BarChart.monthLabel(YearMonth.of(2026, 1))).isEqualTo("Jan '26");
    assertThat(BarChart.monthLabel(YearMonth.of(2009, 9))).isEqualTo("Sep '09");
    assertThat(BarChart.monthLabel(YearMonth.of(2100, 12))).isEqualTo("Dec '00");
    for (int year = 1990; year <= 2110; year++) {
      for (int month = 1; month <= 12; month++) {
        YearMonth m = YearMonth.of(year, month);
        assertThat(BarChart.monthLabel(m)).isEqualTo(m.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
            + " '" + String.format("%02d", m.getYear() % 100));
      }
    }
  }
}
