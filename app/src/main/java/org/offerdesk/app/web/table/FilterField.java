package org.offerdesk.app.web.table;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One input of a table's filter bar, as {@code fragments/table.html} draws it.
 *
 * @param name the query parameter
 * @param label what the input is called
 * @param kind how it is entered
 * @param options for a choice, value to label, in order; empty otherwise
 * @param any for a choice, what its empty option says ("Any")
 * @param placeholder for text, a hint; may be null
 * @param width the Bootstrap column width (of 12)
 */
public record FilterField(String name, String label, Kind kind, Map<String, String> options, String any,
    String placeholder, int width) {

  /** How a filter is entered. */
  public enum Kind { SEARCH, TEXT, CHOICE, DATE }

  /** The search box. */
  public static FilterField search(String placeholder, int width) {
    return new FilterField("q", "Search", Kind.SEARCH, Map.of(), null, placeholder, width);
  }

  /** A free-text input. */
  public static FilterField text(String name, String label, String placeholder, int width) {
    return new FilterField(name, label, Kind.TEXT, Map.of(), null, placeholder, width);
  }

  /** A date input. */
  public static FilterField date(String name, String label, int width) {
    return new FilterField(name, label, Kind.DATE, Map.of(), null, null, width);
  }

  /** A choice among given values (value to label). */
  public static FilterField choice(String name, String label, String any, Map<String, String> options, int width) {
    return new FilterField(name, label, Kind.CHOICE, options, any, null, width);
  }

  /** A choice among an enum's constants, each shown by its name. */
  public static <E extends Enum<E>> FilterField choice(String name, String label, Class<E> type, int width) {
    return choice(name, label, "Any", names(Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()), width);
  }

  /** Values that are their own labels, in order. */
  public static Map<String, String> names(List<String> values) {
    Map<String, String> options = new LinkedHashMap<>();
    values.forEach(v -> options.put(v, v));
    return options;
  }

  /** The element id of the input ({@code f-} and the parameter; the search box is plain {@code q}). */
  public String id() {
    return kind == Kind.SEARCH ? name : "f-" + name;
  }
}
