package org.offerdesk.app.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.offerdesk.app.errors.InvalidInput;

/**
 * A page of a list as the API answers it: {@code {"items": [...], "nextCursor": "..."}}. Cursors are
 * opaque to clients; inside they hold the sort key of the last item, so a page is stable while rows
 * are added.
 */
public record CursorPage<T>(List<T> items, String nextCursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

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
      throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return requested;
  }

  public static String encode(Position p) {
    String raw = p.at().toEpochMilli() + ":" + p.at().getNano() + ":" + p.id();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The position after which the next page starts, or null for the first page. */
  public static Position decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
      Instant at = Instant.ofEpochSecond(Math.floorDiv(Long.parseLong(parts[0]), 1000), Integer.parseInt(parts[1]));
      return new Position(at, UUID.fromString(parts[2]));
    } catch (RuntimeException e) {
      throw new InvalidInput("cursor", "is not a cursor this API returned");
    }
  }
}
