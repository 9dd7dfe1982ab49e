package org.offerdesk.app.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.dao.support.DataAccessUtils;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.stereotype.Component;
import org.springframework.util.ConcurrentLruCache;

/**
 * SELECTs sent to PostgreSQL together: one statement text of several, which the driver sends in one round trip
 * (each statement parsed, bound and run as it would be alone, the same plans, then their results read in turn).
 * A page that needs a handful of small figures from several capabilities (the dashboard: bench D) pays one
 * network round trip, one wake-up of its PostgreSQL backend and one JDBC execution for them instead of one each;
 * on a busy machine every wake-up is also a wait for a core. The capabilities that own the rows write the
 * statements ({@link Read}); whoever shows the figures runs them ({@link #batch()}, {@link #one}).
 */
@Component
public class SqlReads {

  private final JdbcTemplate jdbc;

  SqlReads(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One SELECT with its positional ({@code ?}) arguments, and how its result set becomes a value. One statement:
   * no semicolon.
   */
  public record Read<T>(String sql, List<Object> args, ResultSetExtractor<T> result) {

    /** Named SQL parsed once, as {@code NamedParameterJdbcTemplate} caches it (its texts are the code's own). */
    private static final ConcurrentLruCache<String, ParsedSql> PARSED =
        new ConcurrentLruCache<>(256, NamedParameterUtils::parseSqlStatement);

    public Read {
      if (sql.contains(";")) {
        throw new IllegalArgumentException("A read is one statement, without a semicolon: " + sql);
      }
      args = Collections.unmodifiableList(new ArrayList<>(args)); // nulls allowed, unlike List.copyOf
    }

    /** A read with positional arguments. */
    public static <T> Read<T> of(String sql, ResultSetExtractor<T> result, Object... args) {
      return new Read<>(sql, Arrays.asList(args), result);
    }

    /**
     * A read written with named parameters ({@code :org}), as {@code JdbcClient} takes them; a name the SQL does
     * not use is ignored, and a value may be null.
     */
    public static <T> Read<T> named(String sql, Map<String, ?> params, ResultSetExtractor<T> result) {
      ParsedSql parsed = PARSED.get(sql);
      MapSqlParameterSource source = new MapSqlParameterSource(params);
      return new Read<>(NamedParameterUtils.substituteNamedParameters(parsed, source),
          Arrays.asList(NamedParameterUtils.buildValueArray(parsed, source, null)), result);
    }

    /** Named parameters in pairs, name then value: {@code params("org", id, "owner", null)}. */
    public static Map<String, Object> params(Object... namesAndValues) {
      Map<String, Object> params = new HashMap<>();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        params.put((String) namesAndValues[i], namesAndValues[i + 1]);
      }
      return params;
    }

    /** Every row, mapped. */
    public static <T> ResultSetExtractor<List<T>> rows(RowMapper<T> row) {
      return new RowMapperResultSetExtractor<>(row);
    }

    /** Exactly one row, mapped (as {@code JdbcClient}'s {@code single()}). */
    public static <T> ResultSetExtractor<T> single(RowMapper<T> row) {
      return rs -> DataAccessUtils.requiredSingleResult(rows(row).extractData(rs));
    }

    /** The one row's first column as a long (a count). */
    public static ResultSetExtractor<Long> count() {
      return single((rs, n) -> rs.getLong(1));
    }
  }

  /** Runs one read on its own. */
  public <T> T one(Read<T> read) {
    return jdbc.query(read.sql(), read.result(), read.args().toArray());
  }

  /** A new batch of reads: add them, run it once, then read each one's value. */
  public Batch batch() {
    return new Batch();
  }

  /** Reads gathered to run in one round trip. */
  public final class Batch {

    private final List<Read<?>> reads = new ArrayList<>();
    private List<Object> values;

    private Batch() {}

    /** Adds a read; its value, once the batch has run. */
    public <T> Supplier<T> add(Read<T> read) {
      if (values != null) {
        throw new IllegalStateException("This batch has run");
      }
      int index = reads.size();
      reads.add(read);
      return () -> {
        if (values == null) {
          throw new IllegalStateException("The batch has not run yet");
        }
        @SuppressWarnings("unchecked")
        T value = (T) values.get(index);
        return value;
      };
    }

    /** Sends every read added in one statement text (in the caller's transaction when one is running). */
    public void run() {
      if (reads.isEmpty()) {
        values = List.of();
        return;
      }
      String sql = reads.stream().map(Read::sql).collect(Collectors.joining(";\n"));
      Object[] args = reads.stream().flatMap(r -> r.args().stream()).toArray();
      values = jdbc.execute(sql, (PreparedStatementCallback<List<Object>>) ps -> results(ps, args));
    }

    private List<Object> results(PreparedStatement ps, Object[] args) throws java.sql.SQLException {
      new ArgumentPreparedStatementSetter(args).setValues(ps);
      boolean isResult = ps.execute();
      List<Object> results = new ArrayList<>(reads.size());
      for (Read<?> read : reads) {
        if (!isResult) {
          throw new IllegalStateException("No result set for " + read.sql());
        }
        try (ResultSet rs = ps.getResultSet()) {
          results.add(read.result().extractData(rs));
        }
        isResult = ps.getMoreResults();
      }
      return results;
    }
  }
}
