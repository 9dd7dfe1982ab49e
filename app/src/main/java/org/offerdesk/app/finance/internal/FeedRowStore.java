package org.offerdesk.app.finance.internal;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes feed rows in batches, one statement per batch (arrays unnested in SQL, no round trip per row), and
 * keeps where each feed file was read to. A row replaces the stored one only when it is a later version
 * (later {@code valid_from}, then later {@code update_date}); a row with a {@code delete_date} is kept as
 * deleted, so an older version read later cannot bring it back.
 */
@Repository
class FeedRowStore {

  /** How far a file was read, and its header. */
  record FilePosition(String header, long readTo) {}

  private final JdbcTemplate jdbc;
  private final Map<FeedTable, String> upserts = new HashMap<>();

  FeedRowStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    for (FeedTable feed : FeedTable.values()) {
      upserts.put(feed, upsert(feed));
    }
  }

  /** Writes the records (header names their columns); answers how many rows were new. */
  int write(UUID organizationId, FeedTable feed, List<String> header, List<List<String>> records, UUID syncId) {
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      at.put(header.get(i).strip().replace("\uFEFF", ""), i);
    }
    List<String> names = new ArrayList<>(feed.columns().stream().map(FeedTable.Column::name).toList());
    names.addAll(FeedTable.VERSIONING);
    int keyAt = names.indexOf(feed.key());
    // One version per key and batch: a statement may not update the same row twice.
    Map<String, String[]> latest = new LinkedHashMap<>();
    for (List<String> record : records) {
      String[] cells = new String[names.size()];
      for (int c = 0; c < names.size(); c++) {
        Integer i = at.get(names.get(c));
        cells[c] = i == null || i >= record.size() ? "" : record.get(i).strip();
      }
      if (cells[keyAt].isEmpty()) {
        continue;
      }
      latest.merge(cells[keyAt], cells, (a, b) -> version(b, names).compareTo(version(a, names)) > 0 ? b : a);
    }
    if (latest.isEmpty()) {
      return 0;
    }
    List<String[]> rows = List.copyOf(latest.values());
    return jdbc.execute(upserts.get(feed), (PreparedStatement ps) -> {
      int p = 1;
      ps.setObject(p++, organizationId);
      if (feed == FeedTable.BILLING_EVENT) {
        ps.setObject(p++, syncId);
      }
      for (int c = 0; c < names.size(); c++) {
        String[] column = new String[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
          column[r] = rows.get(r)[c];
        }
        Array array = ps.getConnection().createArrayOf("text", column);
        ps.setArray(p++, array);
      }
      int inserted = 0;
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          inserted += rs.getBoolean(1) ? 1 : 0;
        }
      }
      return inserted;
    });
  }

  private static String version(String[] cells, List<String> names) {
    return cells[names.indexOf("valid_from")] + "|" + cells[names.indexOf("update_date")];
  }

  private static String upsert(FeedTable feed) {
    List<String> own = feed.columns().stream().map(FeedTable.Column::name).toList();
    boolean billing = feed == FeedTable.BILLING_EVENT;
    String casts = feed.columns().stream().map(c -> c.sql().replace("%s", "r." + c.name()))
        .collect(Collectors.joining(", "));
    String arrays = String.join(", ", java.util.Collections.nCopies(own.size() + 3, "CAST(? AS text[])"));
    String updates = own.stream().filter(c -> !c.equals(feed.key())).map(c -> c + " = EXCLUDED." + c)
        .collect(Collectors.joining(", "));
    return "INSERT INTO " + feed.table() + " AS t (organization_id, " + String.join(", ", own)
        + ", valid_from, update_date, deleted" + (billing ? ", sync_id" : "") + ")"
        + " SELECT CAST(? AS uuid), " + casts + ", CAST(NULLIF(r.valid_from, '') AS timestamptz),"
        + " CAST(NULLIF(r.update_date, '') AS timestamptz), NULLIF(r.delete_date, '') IS NOT NULL"
        + (billing ? ", CAST(? AS uuid)" : "")
        + " FROM unnest(" + arrays + ") AS r(" + String.join(", ", own) + ", valid_from, update_date, delete_date)"
        + " ON CONFLICT (organization_id, " + feed.key() + ") DO UPDATE SET " + updates
        + ", valid_from = EXCLUDED.valid_from, update_date = EXCLUDED.update_date, deleted = EXCLUDED.deleted"
        + (billing ? ", sync_id = EXCLUDED.sync_id" : "")
        + " WHERE (coalesce(EXCLUDED.valid_from, '-infinity'), coalesce(EXCLUDED.update_date, '-infinity'))"
        + " > (coalesce(t.valid_from, '-infinity'), coalesce(t.update_date, '-infinity'))"
        + " RETURNING (xmax = 0)";
  }

  /** Refreshes the billing rows' planner statistics (after a large read, before the ledger's joins). */
  void analyze() {
    jdbc.execute("ANALYZE finance_billing_event");
  }

  /** How many rows have been read from all the organization's feed files (grows with every batch committed). */
  long rowsRead(UUID organizationId) {
    return jdbc.queryForObject("SELECT coalesce(sum(rows_read), 0) FROM finance_feed_file WHERE organization_id = ?",
        Long.class, organizationId);
  }

  Optional<FilePosition> position(UUID organizationId, String key) {
    return jdbc.query("SELECT header, read_to FROM finance_feed_file WHERE organization_id = ? AND object_key = ?",
        rs -> rs.next() ? Optional.of(new FilePosition(rs.getString(1), rs.getLong(2))) : Optional.empty(),
        organizationId, key);
  }

  /**
   * Records that the file was read from {@code from} to {@code readTo}, in the transaction of the rows in
   * between; false when another run moved the position meanwhile (the caller rolls its batch back).
   */
  boolean advance(UUID organizationId, String key, String header, long from, long readTo, int rows,
      java.time.Instant at) {
    return jdbc.update("""
        INSERT INTO finance_feed_file (organization_id, object_key, header, read_to, rows_read, read_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (organization_id, object_key) DO UPDATE SET header = EXCLUDED.header, read_to = EXCLUDED.read_to,
          rows_read = finance_feed_file.rows_read + EXCLUDED.rows_read, read_at = EXCLUDED.read_at
        WHERE finance_feed_file.read_to = ?""",
        organizationId, key, header, readTo, rows, java.sql.Timestamp.from(at), from) == 1;
  }
}
