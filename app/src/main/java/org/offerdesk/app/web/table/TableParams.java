package org.offerdesk.app.web.table;

import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.offerdesk.app.web.CursorPage;

/**
 * The query parameters of a list (filters, sort, page size, cursor), read into typed values. An API list
 * or an export is {@link #strict}: a bad value is a 400 problem naming every bad parameter at once
 * ({@link #valid()}). A console page is {@link #lenient}: a bad value is ignored and a sentence says so
 * above the table, because a person followed a link and should still see a table.
 *
 * <p>The filters read are remembered, in the order read, so the page can carry them into its links.
 */
public final class TableParams {

  private final Map<String, String> raw;
  private final boolean strict;
  private final List<FieldError> errors = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Map<String, String> filters = new LinkedHashMap<>();
  private final Map<String, String> settings = new LinkedHashMap<>();
  private String cursor;

  private TableParams(Map<String, String> raw, boolean strict) {
    this.raw = raw;
    this.strict = strict;
  }

  /** For an API list or an export: bad values are refused. */
  public static TableParams strict(Map<String, String> raw) {
    return new TableParams(raw, true);
  }

  /** For a console page: bad values are ignored and explained. */
  public static TableParams lenient(Map<String, String> raw) {
    return new TableParams(raw, false);
  }

  /** The filter that {@code read} makes of a strict list's parameters; a 400 problem names every bad one. */
  public static <F> F strictFilter(Map<String, String> raw, Function<TableParams, F> read) {
    TableParams p = strict(raw);
    F filter = read.apply(p);
    p.valid();
    return filter;
  }

  /** A free-text filter, stripped; null when unset. */
  public String text(String name) {
    String value = blankToNull(raw.get(name));
    if (value != null) {
      filters.put(name, value);
    }
    return value;
  }

  /** A filter that is one of an enum's constants, by name; null when unset or (leniently) unknown. */
  public <E extends Enum<E>> E choice(String name, Class<E> type) {
    String value = blankToNull(raw.get(name));
    if (value == null) {
      return null;
    }
    try {
      E parsed = Enum.valueOf(type, value);
      filters.put(name, value);
      return parsed;
    } catch (IllegalArgumentException e) {
      refuse(name, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
          .collect(Collectors.joining(", ")), "Unknown " + name + " \"" + value + "\"; that filter is ignored.");
      return null;
    }
  }

  /** A yes/no filter: true only for {@code true}; false when unset, {@code false} or (leniently) anything else. */
  public boolean flag(String name) {
    String value = blankToNull(raw.get(name));
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      filters.put(name, value);
      return true;
    }
    refuse(name, "must be true or false", "Not true or false for " + name + ": \"" + value
        + "\"; that filter is ignored.");
    return false;
  }

  /** A date filter (YYYY-MM-DD); null when unset or (leniently) not a date. */
  public LocalDate date(String name) {
    String value = blankToNull(raw.get(name));
    if (value == null) {
      return null;
    }
    try {
      LocalDate parsed = LocalDate.parse(value);
      filters.put(name, value);
      return parsed;
    } catch (DateTimeParseException e) {
      refuse(name, "must be a date (YYYY-MM-DD)", "Not a date for " + name + ": \"" + value
          + "\"; that filter is ignored.");
      return null;
    }
  }

  /**
   * The order asked for under {@code sort}: the key named, by any of the names it answers to; the first
   * key when unset or (leniently) unknown. Only a sort other than the first is carried into links.
   */
  @SafeVarargs
  public final <T> SortKey<T> sort(Map<String, SortKey<T>> byName, SortKey<T>... order) {
    String value = blankToNull(raw.get("sort"));
    SortKey<T> first = order[0];
    if (value == null) {
      return first;
    }
    SortKey<T> chosen = byName.get(value);
    if (chosen == null) {
      refuse("sort", "must be one of " + String.join(", ", byName.keySet()),
          "Unknown sort \"" + value + "\"; showing the default order.");
      return first;
    }
    if (chosen != first) {
      settings.put("sort", value);
    }
    return chosen;
  }

  /** How many rows a page holds: 1 to {@link CursorPage#MAX_LIMIT}, {@code fallback} when unset. */
  public int limit(int fallback) {
    String value = blankToNull(raw.get("limit"));
    if (value == null) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= CursorPage.MAX_LIMIT) {
        settings.put("limit", value);
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    refuse("limit", "must be between 1 and " + CursorPage.MAX_LIMIT,
        "A page holds 1 to " + CursorPage.MAX_LIMIT + " rows; showing " + fallback + ".");
    return fallback;
  }

  /** Where the page starts in the sort's order: null for the first page (and, leniently, for a bad cursor). */
  public Cursor cursor(SortKey<?> sort) {
    String value = blankToNull(raw.get("cursor"));
    try {
      Cursor read = sort.read(value);
      cursor = read == null ? null : value;
      return read;
    } catch (DomainException e) {
      refuse("cursor", "is not a cursor this list returned for this sort",
          "That page link is not valid any more; showing the first page.");
      return null;
    }
  }

  /**
   * The page asked for, in {@code sort}'s order, of at most {@code fallbackLimit} rows unless the request
   * says otherwise. Read it last: for a strict list it is where every bad parameter read so far is refused.
   */
  public <T> PageRequest<T> page(SortKey<T> sort, int fallbackLimit) {
    int limit = limit(fallbackLimit);
    Cursor after = cursor(sort);
    valid();
    return new PageRequest<>(sort, after, limit);
  }

  /**
   * Strict lists call this once all is read: throws one 400 problem with every bad parameter. Lenient
   * pages show {@link #problems()} instead.
   */
  public TableParams valid() {
    if (!errors.isEmpty()) {
      throw new InvalidInput(List.copyOf(errors));
    }
    return this;
  }

  /** What was ignored, as sentences for the page. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The filters that are set, in the order they were read. */
  public Map<String, String> filters() {
    return new LinkedHashMap<>(filters);
  }

  /** The filters and the sort and page size other than the default: what every link of the page keeps. */
  public Map<String, String> kept() {
    Map<String, String> kept = new LinkedHashMap<>(filters);
    kept.putAll(settings);
    return kept;
  }

  /** The cursor the page was asked for, as the client sent it; null on the first page. */
  public String cursorText() {
    return cursor;
  }

  private void refuse(String name, String error, String problem) {
    if (strict) {
      errors.add(new FieldError(name, error));
    } else {
      problems.add(problem);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
