package org.offerdesk.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Pool checkouts (the app's Micrometer count) and SQL statements (pg_stat_statements: SELECT, INSERT, UPDATE,
 * DELETE, not BEGIN or COMMIT) per request, over 50 requests one after the other, less what the app's background
 * work (the job poller, once a second) did in an idle stretch as long right after: counts, not times, so the same
 * on a loaded machine as on a quiet one, give or take a poll. Used by scenarios D and P4.
 */
public final class RequestCounts {

  /** A request that answers. */
  public interface Fetch {
    String get() throws Exception;
  }

  private static final int REQUESTS = 50;

  private RequestCounts() {}

  public static List<Figure> of(String scenario, String what, OfferDesk desk, Connection stats, Fetch fetch)
      throws Exception {
    fetch.get();
    long checkouts0 = desk.poolCheckouts();
    long statements0 = statements(stats);
    long start = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      fetch.get();
    }
    long took = System.nanoTime() - start;
    long checkouts1 = desk.poolCheckouts();
    long statements1 = statements(stats);
    Thread.sleep(Math.max(1, took / 1_000_000));
    long checkouts2 = desk.poolCheckouts();
    long statements2 = statements(stats);
    double checkouts = ((checkouts1 - checkouts0) - (checkouts2 - checkouts1)) / (double) REQUESTS;
    double statements = ((statements1 - statements0) - (statements2 - statements1)) / (double) REQUESTS;
    return List.of(
        new Figure(scenario, "pool checkouts per " + what, "count", Figure.Stats.single(checkouts), null, null, null),
        new Figure(scenario, "SQL statements per " + what, "count", Figure.Stats.single(statements), null, null,
            null));
  }

  private static long statements(Connection c) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.query !~* 'pg_stat_statements'
          AND s.query ~* '^\\s*(select|insert|update|delete|with)'""")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
