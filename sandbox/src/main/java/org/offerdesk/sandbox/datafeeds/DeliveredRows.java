package org.offerdesk.sandbox.datafeeds;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The fingerprint of each row delivered so far (table {@code feed_row}), by owner, feed and row key: a row is
 * delivered again only when its fingerprint changed. Read once for all owners when a run of deliveries starts,
 * then kept up to date by the deliveries themselves, each writing its own in one statement; read again when
 * another sandbox on the same database delivered a day in between, and forgotten when the run ends or fails.
 */
@Repository
class DeliveredRows {

  private final JdbcTemplate jdbc;
  /** Owner, then feed folder, then row key to fingerprint; null until read. */
  private Map<String, Map<String, Map<String, String>>> delivered;
  /** The last delivery day those include. */
  private LocalDate upTo;
  /** This delivery's new fingerprints, by owner, feed folder and row key, until written. */
  private final Map<List<String>, String> written = new LinkedHashMap<>();

  DeliveredRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Makes sure the fingerprints are those of the deliveries up to {@code lastDelivered}, reading them if not. */
  void upTo(LocalDate lastDelivered) {
    if (delivered != null && Objects.equals(upTo, lastDelivered)) {
      return;
    }
    Map<String, Map<String, Map<String, String>>> read = new HashMap<>();
    jdbc.query("SELECT owner_account_id, feed, row_key, fingerprint FROM feed_row", rs -> {
      read.computeIfAbsent(rs.getString(1).trim(), owner -> new HashMap<>())
          .computeIfAbsent(rs.getString(2), feed -> new HashMap<>()).put(rs.getString(3), rs.getString(4));
    });
    delivered = read;
    upTo = lastDelivered;
  }

  /** The rows the owner has not had in this version yet, recorded as delivered. */
  List<FeedRow> fresh(String owner, Feed feed, List<FeedRow> candidates) {
    if (candidates.isEmpty()) {
      return candidates;
    }
    Map<String, String> had = delivered.computeIfAbsent(owner, o -> new HashMap<>())
        .computeIfAbsent(feed.folder(), f -> new HashMap<>());
    List<FeedRow> fresh = new ArrayList<>();
    for (FeedRow row : candidates) {
      String fingerprint = row.fingerprint();
      if (!fingerprint.equals(had.put(row.key(), fingerprint))) {
        written.put(List.of(owner, feed.folder(), row.key()), fingerprint);
        fresh.add(row);
      }
    }
    return fresh;
  }

  /** Writes the day's new fingerprints, in one statement; the fingerprints now include {@code day}'s delivery. */
  void write(LocalDate day) {
    if (!written.isEmpty()) {
      int n = written.size();
      String[][] columns = new String[4][n];
      int i = 0;
      for (Map.Entry<List<String>, String> row : written.entrySet()) {
        columns[0][i] = row.getKey().get(0);
        columns[1][i] = row.getKey().get(1);
        columns[2][i] = row.getKey().get(2);
        columns[3][i] = row.getValue();
        i++;
      }
      jdbc.update("""
          INSERT INTO feed_row (owner_account_id, feed, row_key, fingerprint)
          SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
          ON CONFLICT (owner_account_id, feed, row_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint""",
          (Object[]) columns);
      written.clear();
    }
    if (delivered != null) {
      upTo = day;
    }
  }

  /** Drops what was read and not written: the next delivery reads the fingerprints again. */
  void forget() {
    delivered = null;
    upTo = null;
    written.clear();
  }
}
