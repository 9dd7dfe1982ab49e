package org.offerdesk.sandbox.datafeeds;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.s3.ObjectStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The month files of the feeds: RFC 4180 CSV in UTF-8 without BOM, {@code \n} line ends, a header row.
 * Their content is kept in table {@code feed_file} and published to the owner's bucket as S3 objects.
 */
@Repository
class FeedFiles {

  /** RFC 4180 with the line end of AWS's feeds. */
  static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  private final JdbcTemplate jdbc;

  FeedFiles(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Rows to append to the owner's month file of the feed. */
  record Append(String owner, Feed feed, List<FeedRow> rows) {}

  /**
   * Appends the rows of each feed of each owner to the feed's file of {@code day}'s month in the owner's bucket,
   * creating those the month has none of yet with their header row, and publishes each file made or grown as
   * delivered at {@code deliveredAt}; a file that exists and gains no rows stays as it is. One statement for all,
   * in which the files' content stays in the database: the new rows follow the existing content (the rows come
   * after the header row's line end, which a header has no other of).
   */
  void appendAll(LocalDate day, List<Append> appends, Instant deliveredAt) {
    if (appends.isEmpty()) {
      return;
    }
    int n = appends.size();
    String[] owners = new String[n];
    String[] feeds = new String[n];
    byte[][] contents = new byte[n][];
    String[] buckets = new String[n];
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      Append a = appends.get(i);
      owners[i] = a.owner();
      feeds[i] = a.feed().folder();
      contents[i] = (header(a.feed()) + csv(a.rows())).getBytes(StandardCharsets.UTF_8);
      buckets[i] = Account.DATA_FEED_BUCKET_PREFIX + a.owner();
      keys[i] = a.feed().key(day);
    }
    jdbc.update("""
        WITH input (owner, feed, content, bucket, object_key) AS (
          SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bytea[]), CAST(? AS text[]),
            CAST(? AS text[]))),
        written AS (
          INSERT INTO feed_file AS f (owner_account_id, feed, year_month, content)
          SELECT owner, feed, ?, content FROM input
          ON CONFLICT (owner_account_id, feed, year_month) DO UPDATE
            SET content = f.content || substring(EXCLUDED.content FROM position('\\x0a'::bytea IN EXCLUDED.content) + 1)
            WHERE octet_length(EXCLUDED.content) > position('\\x0a'::bytea IN EXCLUDED.content)
          RETURNING owner_account_id, feed, content),
        published (bucket, object_key, content, last_modified) AS (
          SELECT i.bucket, i.object_key, w.content, CAST(? AS timestamptz)
          FROM written w JOIN input i ON i.owner = rtrim(w.owner_account_id) AND i.feed = w.feed)
        """ + ObjectStore.putAllFrom("published"), owners, feeds, contents, buckets, keys, month(day),
        Timestamp.from(deliveredAt));
  }

  /** Publishes again, in one statement, every feed file of {@code day}'s month of the owners (after a header-only delivery). */
  void republishAll(LocalDate day, List<String> owners, Instant deliveredAt) {
    jdbc.update("""
        WITH published (bucket, object_key, content, last_modified) AS (
          SELECT ? || rtrim(owner_account_id), feed || ?, content, CAST(? AS timestamptz) FROM feed_file
          WHERE year_month = ? AND owner_account_id = ANY (CAST(? AS char(12)[])))
        """ + ObjectStore.putAllFrom("published"), Account.DATA_FEED_BUCKET_PREFIX, Feed.monthKey(day),
        Timestamp.from(deliveredAt), month(day), owners.toArray(String[]::new));
  }

  /**
   * The feeds that already have a file for {@code day}'s month, per owner: a delivery with no new rows for such
   * a feed leaves its file as it is.
   */
  Map<String, Set<String>> feedsWithFileOf(LocalDate day) {
    Map<String, Set<String>> feeds = new HashMap<>();
    jdbc.query("SELECT owner_account_id, feed FROM feed_file WHERE year_month = ?", rs -> {
      feeds.computeIfAbsent(rs.getString(1).trim(), owner -> new HashSet<>()).add(rs.getString(2));
    }, month(day));
    return feeds;
  }

  /**
   * The header-only fault, for all the owners' feeds in two statements: the object of each feed's file of
   * {@code day}'s month holds its header row only (the file made with its header if the month has none yet),
   * until the next delivery publishes the files again with everything they hold.
   */
  void publishHeaderOnly(List<String> owners, LocalDate day, Instant deliveredAt) {
    List<Append> none = new ArrayList<>();
    for (String owner : owners) {
      for (Feed feed : Feed.values()) {
        none.add(new Append(owner, feed, List.of()));
      }
    }
    appendAll(day, none, deliveredAt);
    int n = none.size();
    String[] buckets = new String[n];
    String[] keys = new String[n];
    byte[][] headers = new byte[n][];
    for (int i = 0; i < n; i++) {
      Append a = none.get(i);
      buckets[i] = Account.DATA_FEED_BUCKET_PREFIX + a.owner();
      keys[i] = a.feed().key(day);
      headers[i] = header(a.feed()).getBytes(StandardCharsets.UTF_8);
    }
    jdbc.update("""
        WITH published (bucket, object_key, content, last_modified) AS (
          SELECT *, CAST(? AS timestamptz) FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bytea[])))
        """ + ObjectStore.putAllFrom("published"), Timestamp.from(deliveredAt), buckets, keys, headers);
  }

  static String header(Feed feed) {
    return print(printer -> printer.printRecord(feed.columns()));
  }

  private static String csv(List<FeedRow> rows) {
    return print(printer -> {
      for (FeedRow row : rows) {
        printer.printRecord(row.cells());
      }
    });
  }

  private interface Printing {
    void print(CSVPrinter printer) throws IOException;
  }

  private static String print(Printing printing) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      printing.print(printer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String month(LocalDate day) {
    return String.format("%04d-%02d", day.getYear(), day.getMonthValue());
  }
}
