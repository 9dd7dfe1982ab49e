package org.offerdesk.sandbox.datafeeds;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.clock.ClockAdvanced;
import org.offerdesk.sandbox.faults.FeedFaults;
import org.offerdesk.sandbox.faults.FeedFaults.FeedFault;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the data feeds every day at 00:00 UTC of the sandbox clock, with the rows of the day before:
 * at once for every day that fell due when the clock is moved, and otherwise as real time passes. Each day
 * is one transaction recorded in {@code feed_delivery}, so it is delivered exactly once and in order, also
 * across restarts. It runs after billing, which writes the day's billing events when the clock moves.
 */
@Component
public class FeedDeliveries {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final FeedFaults faults;
  private final BillingEventRows billing;
  private final PartyFeedRows parties;
  private final CatalogFeedRows catalog;
  private final FeedFiles files;
  private final FeedAccountKeys keys;

  FeedDeliveries(JdbcTemplate jdbc, TransactionTemplate tx, FeedFaults faults, BillingEventRows billing,
      PartyFeedRows parties, CatalogFeedRows catalog, FeedFiles files, FeedAccountKeys keys) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.faults = faults;
    this.billing = billing;
    this.parties = parties;
    this.catalog = catalog;
    this.files = files;
    this.keys = keys;
  }

  @EventListener
  @Order(Ordered.LOWEST_PRECEDENCE - 100)
  void onClockAdvanced(ClockAdvanced advanced) {
    deliverDue(advanced.now());
  }

  /** Delivers, in order, every day whose delivery time is at or before {@code now}; answers how many. */
  public synchronized int deliverDue(Instant now) {
    int delivered = 0;
    while (true) {
      LocalDate day = nextDay();
      Instant due = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      if (due.isAfter(now)) {
        return delivered;
      }
      keys.forget();
      tx.executeWithoutResult(status -> deliver(day, due));
      delivered++;
    }
  }

  private LocalDate nextDay() {
    LocalDate last = jdbc.queryForObject("SELECT max(delivery_day) FROM feed_delivery", LocalDate.class);
    if (last != null) {
      return last.plusDays(1);
    }
    return LocalDate.parse(jdbc.queryForObject("SELECT value FROM sandbox_info WHERE key = 'feeds_from'", String.class));
  }

  private void deliver(LocalDate day, Instant due) {
    // One deliverer at a time, also between sandboxes sharing a database.
    jdbc.query("SELECT pg_advisory_xact_lock(hashtext('feed_delivery'))", rs -> {});
    if (!jdbc.queryForList("SELECT 1 FROM feed_delivery WHERE delivery_day = ?", Integer.class, day).isEmpty()) {
      return;
    }
    Instant from = Optional.ofNullable(jdbc.queryForObject("SELECT max(rows_until) FROM feed_delivery", Timestamp.class))
        .map(Timestamp::toInstant).orElse(Instant.EPOCH);
    // Files published header-only since the last delivery that carried rows are published whole again.
    boolean republish = Boolean.TRUE.equals(jdbc.queryForObject("""
        SELECT EXISTS (SELECT 1 FROM feed_delivery WHERE fault = ? AND delivery_day >
          (SELECT coalesce(max(delivery_day), '-infinity'::date) FROM feed_delivery WHERE rows_until IS NOT NULL))""",
        Boolean.class, FeedFault.HEADER_ONLY.name()));
    FeedFault fault = faults.takeForDelivery().orElse(null);
    boolean carried = fault != FeedFault.LATE && fault != FeedFault.HEADER_ONLY;
    if (fault != FeedFault.LATE) {
      Map<String, Set<String>> feedsWithFile = files.feedsWithFileOf(day);
      for (String owner : jdbc.queryForList("""
          SELECT account_id FROM account WHERE kind IN ('SELLER', 'RESELLER') AND created_at < ? ORDER BY account_id""",
          String.class, Timestamp.from(due))) {
        deliverTo(owner.trim(), day, from, due, fault, republish, feedsWithFile.getOrDefault(owner.trim(), Set.of()));
      }
    }
    jdbc.update("INSERT INTO feed_delivery (delivery_day, delivered_at, rows_from, rows_until, fault) VALUES (?, ?, ?, ?, ?)",
        day, Timestamp.from(due), Timestamp.from(from), carried ? Timestamp.from(due) : null,
        fault == null ? null : fault.name());
  }

  /**
   * One owner's day: the rows each feed gained, appended to its month file. A day without news for a feed whose
   * month file exists costs no query for it, and the rows delivered before are read once for all feeds: a year's
   * clock move delivers 365 days to every seller and reseller.
   */
  private void deliverTo(String owner, LocalDate day, Instant from, Instant due, FeedFault fault, boolean republish,
      Set<String> feedsWithFile) {
    String bucket = Account.DATA_FEED_BUCKET_PREFIX + owner;
    if (fault == FeedFault.HEADER_ONLY) {
      for (Feed feed : Feed.values()) {
        files.publishHeaderOnly(owner, bucket, feed, day, due);
      }
      return;
    }
    List<FeedRow> billed = billing.of(owner, from, due);
    if (fault == FeedFault.DUPLICATE_ROWS) {
      billed = new ArrayList<>(billed);
      billed.addAll(List.copyOf(billed));
    }
    List<FeedRow> offers = catalog.offerAndTargetRows(owner, due);
    PartyFeedRows.AccountAndAddressRows people = parties.accountAndAddressRows(owner, due);
    Map<Feed, List<FeedRow>> candidates = Map.of(
        Feed.ACCOUNT, people.accounts(),
        Feed.ADDRESS, people.addresses(),
        Feed.AGREEMENT, parties.agreementRows(owner, due),
        Feed.OFFER, offers.stream().filter(r -> r.feed() == Feed.OFFER).toList(),
        Feed.OFFER_TARGET, offers.stream().filter(r -> r.feed() == Feed.OFFER_TARGET).toList(),
        Feed.PRODUCT, catalog.productRows(owner, due));
    Map<String, Map<String, String>> delivered = candidates.values().stream().allMatch(List::isEmpty)
        ? Map.of() : delivered(owner);
    Map<Feed, List<FeedRow>> rows = new EnumMap<>(Feed.class);
    candidates.forEach((feed, list) ->
        rows.put(feed, fresh(owner, feed, list, delivered.getOrDefault(feed.folder(), new HashMap<>()))));
    rows.put(Feed.BILLING_EVENT, billed);
    // The sandbox never had legacy IDs: the mapping feed is its header.
    rows.put(Feed.LEGACY_ID_MAPPING, List.of());
    for (Feed feed : Feed.values()) {
      if (!rows.get(feed).isEmpty() || !feedsWithFile.contains(feed.folder())) {
        files.append(owner, bucket, feed, day, rows.get(feed), due);
      }
      if (republish) {
        files.republish(owner, bucket, feed, day, due);
      }
    }
  }

  /** The fingerprint of each row delivered to the owner so far, by feed folder and row key. */
  private Map<String, Map<String, String>> delivered(String owner) {
    Map<String, Map<String, String>> delivered = new HashMap<>();
    jdbc.query("SELECT feed, row_key, fingerprint FROM feed_row WHERE owner_account_id = ?", rs -> {
      delivered.computeIfAbsent(rs.getString(1), feed -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
    }, owner);
    return delivered;
  }

  /** The rows the owner has not had in this version yet, recorded as delivered. */
  private List<FeedRow> fresh(String owner, Feed feed, List<FeedRow> candidates, Map<String, String> delivered) {
    if (candidates.isEmpty()) {
      return candidates;
    }
    List<FeedRow> fresh = new ArrayList<>();
    for (FeedRow row : candidates) {
      String fingerprint = row.fingerprint();
      if (!fingerprint.equals(delivered.put(row.key(), fingerprint))) {
        jdbc.update("""
            INSERT INTO feed_row (owner_account_id, feed, row_key, fingerprint) VALUES (?, ?, ?, ?)
            ON CONFLICT (owner_account_id, feed, row_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint""",
            owner, feed.folder(), row.key(), fingerprint);
        fresh.add(row);
      }
    }
    return fresh;
  }
}
