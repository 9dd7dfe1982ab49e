package org.offerdesk.app.web.table;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.offerdesk.app.web.CursorPage;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of one organization's table that a list's filters let through, read a page at a time in a
 * keyset order, counted per value of a column, or all of them for an export. A store class builds one
 * from its filter ({@code store.table(organizationId, filter)}), so the SQL stays in the store; every query
 * it runs starts with the organization.
 *
 * <p>Conditions are SQL fragments the store writes itself with named parameters; values are always bound,
 * never spliced in.
 */
public final class TableQuery<T> {

  /**
   * A table's or a column's name, and a list of column names: compiled once, not by {@code String.matches} on every
   * query built (a list request builds one; compiling them was about 3% of an offers API request's CPU).
   */
  private static final Pattern NAME = Pattern.compile("[a-z_]+");
  private static final Pattern NAMES = Pattern.compile("[a-z_]+(, ?[a-z_]+)*");

  private final JdbcClient jdbc;
  private final String table;
  private String columns = "*";
  private final RowMapper<T> mapper;
  private UnaryOperator<List<T>> finisher = UnaryOperator.identity();
  private final StringBuilder where = new StringBuilder(" WHERE organization_id = :organizationId");
  private final MapSqlParameterSource params = new MapSqlParameterSource();

  private TableQuery(JdbcClient jdbc, String table, UUID organizationId, RowMapper<T> mapper) {
    if (!NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("Not a table name: " + table);
    }
    this.jdbc = jdbc;
    this.table = table;
    this.mapper = mapper;
    params.addValue("organizationId", organizationId);
  }

  /** Every row of {@code table} that belongs to the organization, each read with {@code mapper}. */
  public static <T> TableQuery<T> of(JdbcClient jdbc, String table, UUID organizationId, RowMapper<T> mapper) {
    return new TableQuery<>(jdbc, table, organizationId, mapper);
  }

  /**
   * Reads only these columns (comma-separated names) for a page, instead of every column: what the mapper
   * reads, when the table holds more than a list shows (each column is converted to text and sent, row by row).
   */
  public TableQuery<T> columns(String names) {
    if (!NAMES.matcher(names).matches()) {
      throw new IllegalArgumentException("Not a list of column names: " + names);
    }
    this.columns = names;
    return this;
  }

  /**
   * Completes a page's rows after they are read and before its cursor is taken from the last of them: for a mapper
   * that leaves part of a row to one more statement for the whole page (the offers list reads stored JSON it does
   * not already hold that way). The rows it returns are the page's, in the same order.
   */
  public TableQuery<T> finishing(UnaryOperator<List<T>> finisher) {
    this.finisher = finisher;
    return this;
  }

  /** Only rows where {@code column} equals the value; no condition for null or blank (the filter is unset). */
  public TableQuery<T> equal(String column, Object value) {
    Object bound = value instanceof Enum<?> e ? e.name() : value;
    if (bound == null || bound instanceof String s && s.isBlank()) {
      return this;
    }
    String name = "p" + params.getValues().size();
    where.append(" AND ").append(column).append(" = :").append(name);
    params.addValue(name, bound instanceof String s ? s.strip() : bound);
    return this;
  }

  /**
   * Only rows matching {@code condition} when {@code value} is set: the condition names the value
   * {@code :value} (it is bound once per condition under a name of its own).
   */
  public TableQuery<T> where(String condition, Object value) {
    if (value == null || value instanceof String s && s.isBlank()) {
      return this;
    }
    String name = "p" + params.getValues().size();
    where.append(" AND (").append(condition.replace(":value", ":" + name)).append(")");
    params.addValue(name, value instanceof String s ? s.strip() : value);
    return this;
  }

  /**
   * A search box: {@code condition} may use {@code :exact} (the text as typed, stripped) and {@code :like}
   * (a lower-case contains pattern, with LIKE's wildcards escaped). Nothing for a blank search.
   */
  public TableQuery<T> search(String condition, String q) {
    if (q == null || q.isBlank()) {
      return this;
    }
    String n = "p" + params.getValues().size();
    where.append(" AND (").append(condition.replace(":exact", ":" + n + "exact").replace(":like", ":" + n + "like"))
        .append(")");
    params.addValue(n + "exact", q.strip());
    params.addValue(n + "like", "%" + q.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
        .replace("_", "\\_") + "%");
    return this;
  }

  /** One page as the request asks: in its sort's order, after its cursor's row. */
  public CursorPage<T> page(PageRequest<T> request) {
    return page(request.sort(), request.after(), request.limit());
  }

  private CursorPage<T> page(SortKey<T> sort, Cursor after, int limit) {
    MapSqlParameterSource p = new MapSqlParameterSource(params.getValues());
    StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM ").append(table).append(where);
    if (after != null) {
      sql.append(" AND (").append(sort.column()).append(", ").append(sort.keyColumn()).append(") ")
          .append(sort.descending() ? "<" : ">").append(" (CAST(:afterValue AS ").append(sort.type().sql)
          .append("), CAST(:afterKey AS ").append(sort.keyType().sql).append("))");
      p.addValue("afterValue", after.value()).addValue("afterKey", after.key());
    }
    String direction = sort.descending() ? " DESC" : " ASC";
    // The limit written into the statement, not bound: a bound LIMIT is planned as 10% of the rows, so at 1,000 rows
    // an organization the generic plan looked dearer than each custom one and PostgreSQL planned the newest-first
    // and by-name pages again at every execution (0.3-0.4 ms each, as much as running them); written, the
    // statement's generic plan is its custom one and is kept. A page's limit is an int (1 to MAX_LIMIT, plus one).
    sql.append(" ORDER BY ").append(sort.column()).append(direction).append(", ").append(sort.keyColumn())
        .append(direction).append(" LIMIT ").append(Math.addExact(limit, 1));
    List<T> rows = finisher.apply(jdbc.sql(sql.toString()).paramSource(p).query(mapper).list());
    if (rows.size() <= limit) {
      return new CursorPage<>(rows, null);
    }
    List<T> items = List.copyOf(rows.subList(0, limit));
    return new CursorPage<>(items, sort.after(items.get(limit - 1)).encode());
  }

  /** Every row in the sort's order, a page at a time (for an export that must not hold the table in memory). */
  public void each(SortKey<T> sort, Consumer<T> action) {
    Cursor after = null;
    do {
      CursorPage<T> page = page(sort, after, CursorPage.MAX_LIMIT);
      page.items().forEach(action);
      after = page.nextCursor() == null ? null : sort.after(page.items().get(page.items().size() - 1));
    } while (after != null);
  }

  /** How many rows have each of the enum's values in {@code column}, zero for those none has. */
  public <E extends Enum<E>> Map<E, Long> countBy(String column, Class<E> values) {
    if (!NAME.matcher(column).matches()) {
      throw new IllegalArgumentException("Not a column name: " + column);
    }
    Map<E, Long> counts = new EnumMap<>(values);
    for (E value : values.getEnumConstants()) {
      counts.put(value, 0L);
    }
    jdbc.sql("SELECT " + column + " AS value, count(*) AS n FROM " + table + where + " GROUP BY " + column)
        .paramSource(params)
        .query(rs -> {
          counts.put(Enum.valueOf(values, rs.getString("value")), rs.getLong("n"));
        });
    return counts;
  }

  /** How many rows there are. */
  public long count() {
    return jdbc.sql("SELECT count(*) FROM " + table + where).paramSource(params).query(Long.class).single();
  }
}
