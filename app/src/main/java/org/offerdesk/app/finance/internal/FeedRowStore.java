package org.offerdesk.app.finance.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
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

  /** PostgreSQL's SQLSTATE of a unique violation: a key of the batch is already stored. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final JdbcTemplate jdbc;
  private final Map<FeedTable, String> upserts = new EnumMap<>(FeedTable.class);
  private final Map<FeedTable, String> stages = new EnumMap<>(FeedTable.class);
  private final Map<FeedTable, String> copies = new EnumMap<>(FeedTable.class);

  FeedRowStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    for (FeedTable feed : FeedTable.values()) {
      upserts.put(feed, upsert(feed));
      stages.put(feed, stageTable(feed));
      copies.put(feed, copy(feed));
    }
  }

  /**
   * Writes the batch's records (header names their columns); answers how many rows were new. Must run in the
   * batch's transaction (the staging table lives until its commit). The cells go to PostgreSQL by {@code COPY}, as
   * text, into a temporary staging table, streamed while they are written; one statement ({@link #upsert}) then keeps
   * the latest version of each key in the batch (latest {@code valid_from}, then {@code update_date}, the first in
   * the file of equal versions) and writes it over the stored row only when it is a later version.
   * The batch's commit need not wait for its WAL to reach the disk ({@code synchronous_commit = off}): a batch
   * lost to a database crash loses its file position with it, so the next run reads those rows again.
   *
   * <p>The batch is first offered straight to the table by {@code COPY} (in its binary format when every typed cell
   * is in a form whose value is certain, {@link FeedBinary#binaryRows}; else as text, {@link FeedCopy#copyRows}),
   * behind a savepoint: billing rows are new billing events nearly always (a month's first read is all new rows, and an
   * hour's rows are that hour's events), and a {@code COPY} of typed rows skips the staging table, the select with
   * its casts and sort, and the upsert's speculative insertion. When a key is already stored (a version, a
   * redelivery, a concurrent run's row) or is in the batch twice, the {@code COPY} fails on the primary key, the
   * savepoint undoes it, and the batch is staged and upserted as before: the {@code COPY} is only ever kept when it
   * writes exactly what the upsert would (every key new and once: each inserted, each counted new). Before (a plain
   * {@code INSERT … SELECT} from the staging table as the first offer), the P4 month's 20,000-row batch into the
   * 1M-row table at load ~40 took 0.9–1.5 s, of which 0.7–0.9 s the select with its casts and sort.
   */
  int write(UUID organizationId, FeedTable feed, List<String> header, FeedReader.Batch records, UUID syncId) {
    return write(organizationId, feed, header, prepare(organizationId, feed, header, records, syncId), syncId);
  }

  /**
   * A batch's records with their rows in {@code COPY}'s binary format ({@link #binary}), built before its
   * transaction: {@link FeedSync} builds the next batch's while this one is written, so that the JVM's half of the
   * work overlaps PostgreSQL's. {@code binary} is null when the batch goes as text.
   */
  record Prepared(FeedReader.Batch records, FeedBinary.Binary binary) {}

  /** The batch with its binary rows ({@link Prepared}); any thread, outside a transaction. */
  static Prepared prepare(UUID organizationId, FeedTable feed, List<String> header, FeedReader.Batch records,
      UUID syncId) {
    return prepare(organizationId, feed, header, records, syncId, null);
  }

  /** {@link #prepare}, the binary rows written into {@code reuse} (an earlier batch's, written) when they fit. */
  static Prepared prepare(UUID organizationId, FeedTable feed, List<String> header, FeedReader.Batch records,
      UUID syncId, byte[] reuse) {
    boolean keyed = source(feed, header)[names(feed).indexOf(feed.key())] >= 0;
    return new Prepared(records, keyed && !records.isEmpty()
        ? binary(organizationId, feed, header, records, syncId, reuse) : null);
  }

  /** {@link #write(UUID, FeedTable, List, FeedReader.Batch, UUID)} of a batch prepared ahead. */
  int write(UUID organizationId, FeedTable feed, List<String> header, Prepared prepared, UUID syncId) {
    FeedReader.Batch records = prepared.records();
    int[] source = source(feed, header);
    int keyAt = source[names(feed).indexOf(feed.key())];
    if (keyAt < 0 || records.isEmpty()) {
      return 0;
    }
    return jdbc.execute((ConnectionCallback<Integer>) con -> {
      try (Statement s = con.createStatement()) {
        s.execute("SET LOCAL synchronous_commit = off");
        // the batch's DISTINCT ON sort (20,000 rows, ~6 MB) in memory rather than in files (4 MB by default)
        s.execute("SET LOCAL work_mem = '32MB'");
      }
      Savepoint beforeCopy = con.setSavepoint();
      try {
        String sync = feed == FeedTable.BILLING_EVENT ? syncId.toString() : null;
        FeedBinary.Binary binary = prepared.binary();
        long copied = binary != null
            ? FeedBinary.copyBinary(con.unwrap(PGConnection.class).getCopyAPI(), copies.get(feed) + " (FORMAT binary)",
                binary)
            : FeedCopy.copyRows(con.unwrap(PGConnection.class).getCopyAPI(), copies.get(feed),
                organizationId.toString(), sync, source, cells(feed), keyAt, header.size(), records);
        con.releaseSavepoint(beforeCopy);
        return (int) copied;
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        con.rollback(beforeCopy);
      }
      try (Statement s = con.createStatement()) {
        s.execute(stages.get(feed));
      }
      long staged = FeedCopy.copy(con.unwrap(PGConnection.class).getCopyAPI(), stage(feed), source, keyAt,
          header.size(), records);
      if (staged == 0) {
        return 0;
      }
      try (PreparedStatement ps = con.prepareStatement(upserts.get(feed))) {
        ps.setObject(1, organizationId);
        if (feed == FeedTable.BILLING_EVENT) {
          ps.setObject(2, syncId);
        }
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  /** How each staged column's cell is written by {@link FeedCopy#copyRows}: in {@link #names}' order. */
  private static FeedTable.Cell[] cells(FeedTable feed) {
    List<FeedTable.Cell> cells = new ArrayList<>(feed.columns().stream().map(FeedTable.Column::cell).toList());
    cells.addAll(List.of(FeedTable.Cell.TYPED, FeedTable.Cell.TYPED, FeedTable.Cell.PRESENT));
    return cells.toArray(FeedTable.Cell[]::new);
  }

  /** The batch's rows in {@code COPY}'s binary format, or null when a typed cell is not in its forms. */
  static FeedBinary.Binary binary(UUID organizationId, FeedTable feed, List<String> header, FeedReader.Batch records,
      UUID syncId) {
    return binary(organizationId, feed, header, records, syncId, null);
  }

  private static FeedBinary.Binary binary(UUID organizationId, FeedTable feed, List<String> header,
      FeedReader.Batch records, UUID syncId, byte[] reuse) {
    int[] source = source(feed, header);
    return FeedBinary.binaryRows(organizationId.toString(), feed == FeedTable.BILLING_EVENT ? syncId.toString() : null,
        source, cells(feed), times(feed), source[names(feed).indexOf(feed.key())], header.size(), records, reuse);
  }

  /** Where each of {@link #names} is in the header's cells (-1: not there). */
  private static int[] source(FeedTable feed, List<String> header) {
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      at.put(header.get(i).strip().replace("\uFEFF", ""), i);
    }
    List<String> names = names(feed);
    int[] source = new int[names.size()];
    for (int c = 0; c < names.size(); c++) {
      source[c] = at.getOrDefault(names.get(c), -1);
    }
    return source;
  }

  /** Whether each of {@link #cells}' typed cells is a {@code timestamptz} (else a {@code numeric}). */
  private static boolean[] times(FeedTable feed) {
    List<FeedTable.Column> columns = feed.columns();
    boolean[] times = new boolean[columns.size() + 3];
    for (int c = 0; c < columns.size(); c++) {
      times[c] = columns.get(c).sql().contains("timestamptz");
    }
    times[columns.size()] = true; // valid_from
    times[columns.size() + 1] = true; // update_date
    return times;
  }

  /** The {@code COPY} of a batch straight into the feed's table ({@link FeedCopy#copyRows}' columns). */
  private static String copy(FeedTable feed) {
    return "COPY " + feed.table() + " (organization_id, " + feed.columns().stream().map(FeedTable.Column::name)
        .collect(Collectors.joining(", ")) + ", valid_from, update_date, deleted"
        + (feed == FeedTable.BILLING_EVENT ? ", sync_id" : "") + ") FROM STDIN";
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
   * The batch's write: the latest staged version of each key, inserted, or written over the stored row where it
   * is a later version; answers how many were new. An {@code INSERT … ON CONFLICT}, whose speculative insertion
   * checks each key by the primary key whatever the table's size or statistics. Tried and not kept: new keys by a
   * plain insert behind a {@code NOT EXISTS} and later versions by an {@code UPDATE … FROM} the batch (a third
   * cheaper when planned well, 40,000 rows at load ~40: 3.7–4.7 s against 6.4–6.7 s), under an advisory lock per
   * organization and with hash and merge joins switched off for the batch (to have each key probed by the
   * primary key): in the bench (after its {@code VACUUM ANALYZE} of the emptied tables) a first batch of 20,000
   * rows then took 25–38 s instead of about 2 s, most likely a nested loop scanning the table once per staged row
   * (the plan was not captured). A write whose cost depends on the planner's view of the table is not kept.
   */
  private static String upsert(FeedTable feed) {
    List<String> own = feed.columns().stream().map(FeedTable.Column::name).toList();
    boolean billing = feed == FeedTable.BILLING_EVENT;
    String casts = feed.columns().stream().map(c -> c.sql().replace("%s", "r." + c.name()))
        .collect(Collectors.joining(", "));
    String updates = own.stream().filter(c -> !c.equals(feed.key())).map(c -> c + " = EXCLUDED." + c)
        .collect(Collectors.joining(", "));
    return "WITH written AS (INSERT INTO " + feed.table() + " AS t (organization_id, " + String.join(", ", own)
        + ", valid_from, update_date, deleted" + (billing ? ", sync_id" : "") + ")"
        + " SELECT DISTINCT ON (r." + feed.key() + ") CAST(? AS uuid), " + casts + ", r.vf, r.ud,"
        + " NULLIF(r.delete_date, '') IS NOT NULL" + (billing ? ", CAST(? AS uuid)" : "")
        + " FROM (SELECT s.*, CAST(NULLIF(s.valid_from, '') AS timestamptz) AS vf,"
        + " CAST(NULLIF(s.update_date, '') AS timestamptz) AS ud FROM " + stage(feed) + " s) r"
        + " ORDER BY r." + feed.key() + ", coalesce(r.vf, '-infinity') DESC, coalesce(r.ud, '-infinity') DESC, r.n"
        + " ON CONFLICT (organization_id, " + feed.key() + ") DO UPDATE SET " + updates
        + ", valid_from = EXCLUDED.valid_from, update_date = EXCLUDED.update_date, deleted = EXCLUDED.deleted"
        + (billing ? ", sync_id = EXCLUDED.sync_id" : "")
        + " WHERE (coalesce(EXCLUDED.valid_from, '-infinity'), coalesce(EXCLUDED.update_date, '-infinity'))"
        + " > (coalesce(t.valid_from, '-infinity'), coalesce(t.update_date, '-infinity'))"
        + " RETURNING (xmax = 0) AS fresh) SELECT count(*) FILTER (WHERE fresh) FROM written";
  }

  /**
   * Refreshes the billing rows' planner statistics (after a large read, before the ledger's joins): the table's size
   * and the columns the ledger's statements filter, join and group by. The other 14 columns (amounts, dates, names)
   * are left to autovacuum's analyze, which follows a large read on its own (bench P4's month of 204,548 rows: 0.36
   * against 0.22 CPU seconds of the server; the rest is the sample's read, the same at any size). The agreements and
   * offers the invoices join are refreshed with them: with the statistics of their empty tables a first month's
   * agreements and offers (20,000 each at 204,548 billing rows) can be estimated at a few dozen rows, and a join of
   * the two planned as a nested loop, 400 million comparisons (bench/README.md, branch p4w).
   */
  void analyze() {
    jdbc.execute("ANALYZE finance_billing_event (organization_id, billing_event_id, invoice_id, agreement_id, action,"
        + " transaction_type, deleted, disbursement_billing_event_id, parent_billing_event_id),"
        + " finance_agreement (organization_id, agreement_id, offer_id, deleted),"
        + " finance_offer (organization_id, offer_id, deleted)");
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
