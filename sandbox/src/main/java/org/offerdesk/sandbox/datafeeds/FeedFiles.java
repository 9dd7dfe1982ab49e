package org.offerdesk.sandbox.datafeeds;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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
  private final ObjectStore objects;

  FeedFiles(JdbcTemplate jdbc, ObjectStore objects) {
    this.jdbc = jdbc;
    this.objects = objects;
  }

  /**
   * Appends rows to the feed's file of {@code day}'s month in the owner's bucket, creating it with its header
   * when the month has none yet, and publishes it as delivered at {@code deliveredAt}.
   */
  void append(String owner, String bucket, Feed feed, LocalDate day, List<FeedRow> rows, Instant deliveredAt) {
    String month = month(day);
    byte[] existing = jdbc.query("SELECT content FROM feed_file WHERE owner_account_id = ? AND feed = ? AND year_month = ?",
        rs -> rs.next() ? rs.getBytes(1) : null, owner, feed.folder(), month);
    if (existing != null && rows.isEmpty()) {
      return;
    }
    String text = (existing == null ? header(feed) : new String(existing, StandardCharsets.UTF_8)) + csv(rows);
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    jdbc.update("""
        INSERT INTO feed_file (owner_account_id, feed, year_month, content) VALUES (?, ?, ?, ?)
        ON CONFLICT (owner_account_id, feed, year_month) DO UPDATE SET content = EXCLUDED.content""",
        owner, feed.folder(), month, content);
    objects.put(bucket, feed.key(day), content, deliveredAt);
  }

  /**
   * The feeds that already have a file for {@code day}'s month, per owner: a delivery with no new rows for such
   * a feed leaves its file as it is ({@link #append} would read it only to find that out).
   */
  Map<String, Set<String>> feedsWithFileOf(LocalDate day) {
    Map<String, Set<String>> feeds = new HashMap<>();
    jdbc.query("SELECT owner_account_id, feed FROM feed_file WHERE year_month = ?", rs -> {
      feeds.computeIfAbsent(rs.getString(1).trim(), owner -> new HashSet<>()).add(rs.getString(2));
    }, month(day));
    return feeds;
  }

  /**
   * The header-only fault: the feed's object of {@code day}'s month holds its header row only, until the
   * next delivery publishes the file again with everything it holds.
   */
  void publishHeaderOnly(String owner, String bucket, Feed feed, LocalDate day, Instant deliveredAt) {
    append(owner, bucket, feed, day, List.of(), deliveredAt);
    objects.put(bucket, feed.key(day), header(feed).getBytes(StandardCharsets.UTF_8), deliveredAt);
  }

  /** Publishes the file of {@code day}'s month again with all it holds (after a header-only delivery). */
  void republish(String owner, String bucket, Feed feed, LocalDate day, Instant deliveredAt) {
    jdbc.query("SELECT content FROM feed_file WHERE owner_account_id = ? AND feed = ? AND year_month = ?",
        rs -> {
          objects.put(bucket, feed.key(day), rs.getBytes(1), deliveredAt);
        }, owner, feed.folder(), month(day));
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
