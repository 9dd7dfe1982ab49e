package org.offerdesk.sandbox.datafeeds;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.offerdesk.sandbox.signing.SigV4;

/**
 * One row of a feed, its cells in the order of the feed's columns, as text: UTC ISO-8601 times, plain
 * decimals, empty strings for missing values. Rows of the feeds built from the sandbox's tables carry a
 * key and a fingerprint of their content, so that a row is delivered once and again only when it changed.
 */
record FeedRow(Feed feed, String key, List<String> cells) {

  static final String CATALOG = "AWSMarketplace";
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  FeedRow {
    if (cells.size() != feed.columns().size()) {
      throw new IllegalArgumentException(feed + " has " + feed.columns().size() + " columns, not " + cells.size());
    }
  }

  /**
   * A row of a mutable or immutable table-built feed: its own cells, then valid_from, insert_date and
   * update_date at {@code changedAt}, an empty delete_date and the catalog.
   */
  static FeedRow of(Feed feed, String key, Instant changedAt, Object... ownCells) {
    List<String> cells = new ArrayList<>();
    for (Object cell : ownCells) {
      cells.add(cell(cell));
    }
    String at = cell(changedAt);
    cells.addAll(List.of(at, at, at, "", CATALOG));
    return new FeedRow(feed, key, cells);
  }

  /** A digest of the row's own cells (not its times), which changes when the row's content does. */
  String fingerprint() {
    List<String> own = cells.subList(0, cells.size() - Feed.Historization.COLUMNS.size());
    return HexFormat.of().formatHex(SigV4.sha256(String.join("\u001f", own).getBytes(StandardCharsets.UTF_8)));
  }

  /** A cell's text as the feeds write it. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Timestamp t) {
      return ISO.format(t.toInstant());
    }
    if (value instanceof Instant i) {
      return ISO.format(i);
    }
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    return value.toString().trim();
  }

  /** A stable UUID for sandbox-made keys (addresses, offer targets) from what identifies them. */
  static UUID stableId(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("|", Arrays.stream(parts).map(Objects::toString).toList())
        .getBytes(StandardCharsets.UTF_8));
  }
}
