package org.offerdesk.app.identity.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.PageRequest;
import org.offerdesk.app.web.table.SortKey;
import org.offerdesk.app.web.table.TableQuery;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one order of identity's lists (API tokens, users, the audit log): by a time column, ties broken by id,
 * read a page at a time through the table toolkit, with the cursors named "time" that {@link CursorPage} has
 * always handed out for them.
 */
record TimeOrder<T>(String table, RowMapper<T> mapper, SortKey<T> sort) {

  static <T> TimeOrder<T> of(String table, String column, boolean newestFirst, RowMapper<T> mapper,
      Function<T, Instant> at, Function<T, UUID> id) {
    return new TimeOrder<>(table, mapper,
        SortKey.byId("time", column, SortKey.Type.TIMESTAMP, newestFirst, row -> at.apply(row).toString(), id));
  }

  /** One page of the organization's rows after the client's cursor (none for the first page). */
  CursorPage<T> page(JdbcClient jdbc, UUID organizationId, String cursor, int limit) {
    return TableQuery.of(jdbc, table, organizationId, mapper).page(new PageRequest<>(sort, sort.read(cursor), limit));
  }
}
