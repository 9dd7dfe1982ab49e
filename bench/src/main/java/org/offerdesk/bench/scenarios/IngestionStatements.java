package org.offerdesk.bench.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.bench.OfferDesk;

/**
 * What P2's round cost PostgreSQL, statement by statement ({@code pg_stat_statements}, reset when the round's
 * messages are put on the queue): the app's and its embedded sandbox's statements, without the bench's own
 * (its polling names its temporary tables {@code bench_p2_…}; it writes the round's messages into
 * {@code sandbox.queue_message} by that name, the sandbox without the schema).
 */
record IngestionStatements(List<Row> rows) {

  /** One normalized statement: how often it ran, its total execution time and rows. */
  record Row(long calls, double millis, long rows, String query) {}

  static void reset(OfferDesk desk) throws SQLException {
    try (Connection c = desk.db().connect(); Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_statements_reset()");
    }
  }

  static IngestionStatements read(OfferDesk desk) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection c = desk.db().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT calls, total_exec_time, rows, query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.query !~* 'pg_stat_statements' AND s.query !~ 'bench_p2_'
          AND s.query !~ 'INSERT INTO sandbox\\.queue_message'
          AND s.query !~* '^\\s*(begin|commit|rollback|set|show)'
        ORDER BY calls DESC""")) {
      while (rs.next()) {
        rows.add(new Row(rs.getLong(1), rs.getDouble(2), rs.getLong(3), rs.getString(4)));
      }
    }
    return new IngestionStatements(rows);
  }

  long calls() {
    return rows.stream().mapToLong(Row::calls).sum();
  }

  double millis() {
    return rows.stream().mapToDouble(Row::millis).sum();
  }

  /** The statements by calls, an event each, with their share of the statement time. */
  void write(Path file, int events) throws IOException {
    StringBuilder out = new StringBuilder(String.format("%,d statements, %.2f an event, %.0f ms in all%n%n",
        calls(), calls() / (double) events, millis()));
    out.append("calls/event  ms/event  rows/call  query\n");
    for (Row r : rows) {
      out.append(String.format("%11.3f  %8.3f  %9.1f  %s%n", r.calls() / (double) events, r.millis() / events,
          r.rows() / (double) Math.max(1, r.calls()), r.query().replaceAll("\\s+", " ")));
    }
    Files.writeString(file, out);
  }
}
