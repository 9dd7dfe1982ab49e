package org.offerdesk.app.web.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A value of a table's status column with how many rows have it under the other filters: a chip that
 * filters the table to it, and a bar of the chart next to the chips ({@code fragments/table.html}).
 *
 * @param value the status, as the filter parameter takes it
 * @param count how many rows have it
 * @param percent the bar's length, relative to the largest count (a count above zero shows at least 2)
 * @param url this page filtered to the value
 * @param active whether the page is filtered to it
 * @param style the Bootstrap classes of its badge
 */
public record CountChip(String value, long count, int percent, String url, boolean active, String style) {

  /** One chip per value, in the enum's order, each linking to {@code view} filtered by {@code parameter}. */
  public static <E extends Enum<E>> List<CountChip> of(Class<E> type, Map<E, Long> counts, TableView view,
      String parameter, Function<E, String> style) {
    long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
    List<CountChip> chips = new ArrayList<>();
    for (E value : type.getEnumConstants()) {
      long n = counts.getOrDefault(value, 0L);
      chips.add(new CountChip(value.name(), n, max == 0 ? 0 : (int) Math.max(n == 0 ? 0 : 2, n * 100 / max),
          view.with(parameter, value.name()), value.name().equals(view.filters().get(parameter)),
          style.apply(value)));
    }
    return chips;
  }

  /** How many rows all chips count together. */
  public static long total(List<CountChip> chips) {
    return chips.stream().mapToLong(CountChip::count).sum();
  }
}
