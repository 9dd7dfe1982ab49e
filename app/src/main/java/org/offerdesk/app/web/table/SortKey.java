package org.offerdesk.app.web.table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Function;

/**
 * One order a table can be read in, as a keyset: a sort column and a unique tie-breaker column, both
 * compared as a pair, so that a page starts right after the last row of the previous one however many
 * rows were added meanwhile. The row's values for both come from {@code value} and {@code key}.
 *
 * @param name what the cursor and the links call this order
 * @param column the SQL expression sorted on (say {@code created_at} or {@code lower(name)})
 * @param type the SQL type a cursor's value is cast to for the comparison
 * @param descending newest or largest first
 * @param keyColumn the unique column that breaks ties
 * @param keyType the SQL type of the tie-breaker
 */
public record SortKey<T>(String name, String column, Type type, boolean descending, Function<T, String> value,
    String keyColumn, Type keyType, Function<T, String> key) {

  /** The SQL types a sort value can have; each knows how to check a value read from a cursor. */
  public enum Type {
    TIMESTAMP("timestamptz") {
      @Override
      void check(String value) {
        Instant.parse(value);
      }
    },
    DATE("date") {
      @Override
      void check(String value) {
        LocalDate.parse(value);
      }
    },
    TEXT("text") {
      @Override
      void check(String value) {}
    },
    ID("uuid") {
      @Override
      void check(String value) {
        UUID.fromString(value);
      }
    };

    final String sql;

    Type(String sql) {
      this.sql = sql;
    }

    abstract void check(String value);
  }

  /** A sort on {@code column}, ties broken by the row's {@code id} (a UUID), the usual case. */
  public static <T> SortKey<T> byId(String name, String column, Type type, boolean descending,
      Function<T, String> value, Function<T, UUID> id) {
    return new SortKey<>(name, column, type, descending, value, "id", Type.ID, row -> id.apply(row).toString());
  }

  /** The cursor that resumes after {@code row}. */
  public Cursor after(T row) {
    return new Cursor(name, value.apply(row), key.apply(row));
  }

  /** Reads a client's cursor token for this order; null for none, a 400 problem for a bad one. */
  public Cursor read(String token) {
    Cursor cursor = Cursor.decode(token, name);
    if (cursor != null) {
      try {
        type.check(cursor.value());
        keyType.check(cursor.key());
      } catch (RuntimeException e) {
        throw Cursor.refused();
      }
    }
    return cursor;
  }
}
