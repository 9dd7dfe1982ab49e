package org.offerdesk.app.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A page of a list as the API answers it: {@code {"items": [...], "nextCursor": "..."}}. Cursors are
 * opaque to clients; inside they hold the sort key of the last item, so a page is stable while rows
 * are added.
 */
public record CursorPage<T>(List<T> items, String nextCursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /** What cursors of the lists sorted by (time, id) call their order. */
  private static final String BY_TIME = "time";

  /** A position in a list sorted by (time, id). */
  public record Position(Instant at, UUID id) {}

  /**
   * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only tells that
   * another page exists.
   */
  public static <T> CursorPage<T> of(List<T> fetched, int limit, Function<T, Position> position) {
    if (fetched.size() <= limit) {
      return new CursorPage<>(fetched, null);
    }
    List<T> items = fetched.subList(0, limit);
    return new CursorPage<>(List.copyOf(items), encode(position.apply(items.get(limit - 1))));
  }

  public <R> CursorPage<R> map(Function<T, R> mapper) {
    return new CursorPage<>(items.stream().map(mapper).toList(), nextCursor);
  }

  public static int limit(Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw ApiProblem.invalid("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return requested;
  }

  /** The position's cursor, in the one format of {@link org.offerdesk.app.web.table.Cursor}. */
  public static String encode(Position p) {
    return new org.offerdesk.app.web.table.Cursor(BY_TIME, p.at().toString(), p.id().toString()).encode();
  }

  /** The position after which the next page starts, or null for the first page; a 400 problem for a bad cursor. */
  public static Position decode(String cursor) {
    org.offerdesk.app.web.table.Cursor read = org.offerdesk.app.web.table.Cursor.decode(cursor, BY_TIME);
    if (read == null) {
      return null;
    }
    try {
      return new Position(Instant.parse(read.value()), UUID.fromString(read.key()));
    } catch (RuntimeException e) {
      throw ApiProblem.invalid("cursor", "is not a cursor this list returned for this sort");
    }
  }
}
