package org.offerdesk.app.finance.internal;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes feed rows in batches ({@code COPY} into a staging table, then one statement), and
 * keeps where each feed file was read to. A row replaces the stored one only when it is a later version
 * (later {@code valid_from}, then later {@code update_date}); a row with a {@code delete_date} is kept as
 * deleted, so an older version read later cannot bring it back.
 */
@Repository
class FeedRowStore {

  /** How far a file was read, and its header. */
  record FilePosition(String header, long readTo) {}

  private static final java.util.regex.Pattern PARAM = java.util.regex.Pattern.compile(":(org|sync)\\b");
  /** Characters of COPY text sent at a time, while the next rows are written. */
  private static final int COPY_CHUNK = 1 << 16;

  private final JdbcTemplate jdbc;
  private final Map<FeedTable, String> upserts = new EnumMap<>(FeedTable.class);
  private final Map<FeedTable, String> stages = new EnumMap<>(FeedTable.class);

  FeedRowStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    for (FeedTable feed : FeedTable.values()) {
      upserts.put(feed, upsert(feed));
      stages.put(feed, stageTable(feed));
    }
  }

  /**
   * Writes the records (header names their columns); answers how many rows were new. Must run in the batch's
   * transaction (the staging table lives until its commit). The cells go to PostgreSQL by {@code COPY}, as text,
   * into a temporary staging table, streamed while they are written; one statement ({@link #upsert}) then keeps
   * the latest version of each key in the batch (latest {@code valid_from}, then {@code update_date}, the first in
   * the file of equal versions) and writes it over the stored row only when it is a later version.
   * The batch's commit need not wait for its WAL to reach the disk ({@code synchronous_commit = off}): a batch
   * lost to a database crash loses its file position with it, so the next run reads those rows again.
   */
  int write(UUID organizationId, FeedTable feed, List<String> header, List<List<String>> records, UUID syncId) {
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      at.put(header.get(i).strip().replace("\uFEFF", ""), i);
    }
    List<String> names = names(feed);
    int[] source = new int[names.size()];
    for (int c = 0; c < names.size(); c++) {
      source[c] = at.getOrDefault(names.get(c), -1);
    }
    int keyAt = source[names.indexOf(feed.key())];
    if (keyAt < 0 || records.isEmpty()) {
      return 0;
    }
    return jdbc.execute((ConnectionCallback<Integer>) con -> {
      try (Statement s = con.createStatement()) {
        s.execute("SET LOCAL synchronous_commit = off");
        // One writer of an organization's rows at a time (see upsert): another instance's batch waits here.
        s.execute("SELECT pg_advisory_xact_lock(hashtext('" + feed.table() + "'), hashtext('" + organizationId
            + "'))");
        s.execute(stages.get(feed));
      }
      long staged = copy(con.unwrap(PGConnection.class).getCopyAPI(), feed, source, keyAt, records);
      if (staged == 0) {
        return 0;
      }
      try (Statement s = con.createStatement()) {
        // Each staged key is looked up by the primary key: the batch is thousands of rows, the table millions.
        s.execute("SET LOCAL enable_hashjoin = off");
        s.execute("SET LOCAL enable_mergejoin = off");
      }
      String sql = upserts.get(feed);
      try (PreparedStatement ps = con.prepareStatement(sql.replaceAll(":(org|sync)\\b", "?"))) {
        java.util.regex.Matcher param = PARAM.matcher(sql);
        for (int p = 1; param.find(); p++) {
          ps.setObject(p, param.group(1).equals("org") ? organizationId : syncId);
        }
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  /** Streams the records' cells (COPY's text format) into the staging table; answers how many rows. */
  private static long copy(CopyManager copies, FeedTable feed, int[] source, int keyAt, List<List<String>> records)
      throws SQLException {
    CopyIn copy = copies.copyIn("COPY " + stage(feed) + " FROM STDIN");
    try {
      StringBuilder text = new StringBuilder(COPY_CHUNK + 4_096);
      long n = 0;
      for (List<String> record : records) {
        if (keyAt >= record.size() || record.get(keyAt).isBlank()) {
          continue;
        }
        for (int i : source) {
          if (i >= 0 && i < record.size()) {
            escape(text, record.get(i).strip());
          }
          text.append('\t');
        }
        text.append(n++).append('\n');
        if (text.length() >= COPY_CHUNK) {
          send(copy, text);
        }
      }
      send(copy, text);
      copy.endCopy();
      return n;
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private static void send(CopyIn copy, StringBuilder text) throws SQLException {
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    text.setLength(0);
  }

  /** A cell in COPY's text format: backslash, tab and line ends escaped (an empty cell is the empty string). */
  private static void escape(StringBuilder text, String cell) {
    if (plain(cell)) {
      text.append(cell);
      return;
    }
    for (int i = 0; i < cell.length(); i++) {
      char ch = cell.charAt(i);
      switch (ch) {
        case '\\' -> text.append("\\\\");
        case '\t' -> text.append("\\t");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        default -> text.append(ch);
      }
    }
  }

  /** Whether a cell has nothing to escape (nearly every one: IDs, amounts, dates). */
  private static boolean plain(String cell) {
    for (int i = 0; i < cell.length(); i++) {
      char ch = cell.charAt(i);
      if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
        return false;
      }
    }
    return true;
  }

  /** The columns a feed's rows are staged with: its own, then the versioning ones. */
  private static List<String> names(FeedTable feed) {
    List<String> names = new ArrayList<>(feed.columns().stream().map(FeedTable.Column::name).toList());
    names.addAll(FeedTable.VERSIONING);
    return names;
  }

  private static String stage(FeedTable feed) {
    return "feed_stage_" + feed.table();
  }

  /** The batch's staging table: text cells and their order in the batch, dropped at its commit. */
  private static String stageTable(FeedTable feed) {
    return "CREATE TEMP TABLE " + stage(feed) + " (" + names(feed).stream().map(n -> n + " text")
        .collect(Collectors.joining(", ")) + ", n bigint) ON COMMIT DROP";
  }

  /**
   * The batch's write: the latest staged version of each key ({@code latest}), written over the stored row where
   * it is a later version ({@code newer}) and inserted where the key is new ({@code fresh}); answers how many were
   * new. Both see the table as it was before the statement, so no key is in both. A plain insert of the new keys,
   * not an {@code INSERT … ON CONFLICT}: each row of a speculative insertion checks and marks its key first,
   * which cost a third of the write (the P4 month's billing rows, 40,000 written each way: ON CONFLICT DO UPDATE
   * 6.4 / 6.7 s, a plain INSERT 4.7 / 3.7 s, load ~40). That is safe because one transaction at a time writes an
   * organization's rows of a feed (the advisory lock in {@link #write}): no other can insert a key meanwhile.
   */
  private static String upsert(FeedTable feed) {
    List<String> own = feed.columns().stream().map(FeedTable.Column::name).toList();
    boolean billing = feed == FeedTable.BILLING_EVENT;
    String key = feed.key();
    String casts = feed.columns().stream().map(c -> c.sql().replace("%s", "r." + c.name()) + " AS " + c.name())
        .collect(Collectors.joining(", "));
    String updates = own.stream().filter(c -> !c.equals(key)).map(c -> c + " = l." + c)
        .collect(Collectors.joining(", "));
    String later = "(coalesce(l.valid_from, '-infinity'), coalesce(l.update_date, '-infinity'))"
        + " > (coalesce(t.valid_from, '-infinity'), coalesce(t.update_date, '-infinity'))";
    return "WITH latest AS MATERIALIZED (SELECT DISTINCT ON (r." + key + ") " + casts + ", r.vf AS valid_from,"
        + " r.ud AS update_date, NULLIF(r.delete_date, '') IS NOT NULL AS deleted"
        + " FROM (SELECT s.*, CAST(NULLIF(s.valid_from, '') AS timestamptz) AS vf,"
        + " CAST(NULLIF(s.update_date, '') AS timestamptz) AS ud FROM " + stage(feed) + " s) r"
        + " ORDER BY r." + key + ", coalesce(r.vf, '-infinity') DESC, coalesce(r.ud, '-infinity') DESC, r.n),"
        + " newer AS (UPDATE " + feed.table() + " t SET " + updates
        + ", valid_from = l.valid_from, update_date = l.update_date, deleted = l.deleted"
        + (billing ? ", sync_id = CAST(:sync AS uuid)" : "")
        + " FROM latest l WHERE t.organization_id = CAST(:org AS uuid) AND t." + key + " = l." + key + " AND " + later
        + "), fresh AS (INSERT INTO " + feed.table() + " (organization_id, " + String.join(", ", own)
        + ", valid_from, update_date, deleted" + (billing ? ", sync_id" : "") + ")"
        + " SELECT CAST(:org AS uuid), " + own.stream().map(c -> "l." + c).collect(Collectors.joining(", "))
        + ", l.valid_from, l.update_date, l.deleted" + (billing ? ", CAST(:sync AS uuid)" : "")
        + " FROM latest l WHERE NOT EXISTS (SELECT 1 FROM " + feed.table() + " x"
        + " WHERE x.organization_id = CAST(:org AS uuid) AND x." + key + " = l." + key + ") RETURNING 1)"
        + " SELECT count(*) FROM fresh";
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
