package org.offerdesk.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One measured figure of a scenario, over its repeats, beside the baseline measured in the same run, and
 * whether it meets its goal.
 *
 * @param scenario the scenario's ID ("P3")
 * @param name     what was measured ("API p99 at 50 clients")
 * @param unit     "ms", "req/s", "s", "MB", "rows/s", "count"
 * @param value    the figure over the repeats
 * @param baseline the baseline over its repeats, or null when the figure has none
 * @param goal     the goal in words ("≤ 2× baseline")
 * @param pass     whether the median meets the goal; null when the figure has no goal of its own
 */
public record Figure(String scenario, String name, String unit, Stats value, Stats baseline, String goal,
    Boolean pass) {

  /** The median over the baseline's median, or null without a baseline. */
  public Double ratio() {
    return baseline == null || baseline.median() == 0 ? null : value.median() / baseline.median();
  }

  /** Min, median and max of a figure over the repeats of a run. */
  public record Stats(double min, double median, double max, int repeats) {

    public static Stats of(List<Double> samples) {
      if (samples.isEmpty()) {
        throw new IllegalArgumentException("A figure needs at least one sample");
      }
      List<Double> sorted = new ArrayList<>(samples);
      Collections.sort(sorted);
      int n = sorted.size();
      double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
      return new Stats(sorted.get(0), median, sorted.get(n - 1), n);
    }

    public static Stats single(double value) {
      return new Stats(value, value, value, 1);
    }
  }
}
