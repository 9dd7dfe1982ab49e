package org.offerdesk.sandbox.datafeeds;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.offerdesk.sandbox.billing.FeedAccounts;
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
 * across restarts. It runs after billing, which writes the day's billing events when the clock moves. A day
 * costs the same few statements however many parties there are: each of the day's readings (billing events,
 * agreements, catalog, accounts) is one statement for all of them, and so is each of its writings.
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
  private final FeedAccounts accounts;
  private final DeliveredRows delivered;
  /** When the next day to deliver falls due at the earliest, as last read. */
  private Instant nothingDueBefore = Instant.MIN;

  FeedDeliveries(JdbcTemplate jdbc, TransactionTemplate tx, FeedFaults faults, BillingEventRows billing,
      PartyFeedRows parties, CatalogFeedRows catalog, FeedFiles files, FeedAccounts accounts, DeliveredRows delivered) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.faults = faults;
    this.billing = billing;
    this.parties = parties;
    this.catalog = catalog;
    this.files = files;
    this.accounts = accounts;
    this.delivered = delivered;
  }

  @EventListener
  @Order(Ordered.LOWEST_PRECEDENCE - 100)
  void onClockAdvanced(ClockAdvanced advanced) {
    deliverDue(advanced.now());
  }

  /** Delivers, in order, every day whose delivery time is at or before {@code now}; answers how many. */
  public synchronized int deliverDue(Instant now) {
    // Days are only ever added to the deliveries, so the next one falls due no earlier than when last read: until
    // then (real time passing asks every second) there is nothing to read.
    if (now.isBefore(nothingDueBefore)) {
      return 0;
    }
    int count = 0;
    try {
      // The day after one delivered is the next, unless another sandbox on the database delivered it meanwhile.
      for (LocalDate day = nextDay(); ; day = day.plusDays(1)) {
        Instant due = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (due.isAfter(now)) {
          nothingDueBefore = due;
          return count;
        }
        LocalDate delivering = day;
        if (Boolean.TRUE.equals(tx.execute(status -> deliver(delivering, due)))) {
          count++;
        }
      }
    } finally {
      delivered.forget();
    }
  }

  private LocalDate nextDay() {
    LocalDate last = jdbc.queryForObject("SELECT max(delivery_day) FROM feed_delivery", LocalDate.class);
    if (last != null) {
      return last.plusDays(1);
    }
    return LocalDate.parse(jdbc.queryForObject("SELECT value FROM sandbox_info WHERE key = 'feeds_from'", String.class));
  }

  /** Where the deliveries stand when a day's starts: whether it was delivered, the last day, the end of the rows. */
  private record Before(boolean done, LocalDate lastDay, Instant from, boolean republish) {}

  /** Delivers the day unless it was delivered; answers whether it did. */
  private boolean deliver(LocalDate day, Instant due) {
    // One deliverer at a time, also between sandboxes sharing a database.
    jdbc.query("SELECT pg_advisory_xact_lock(hashtext('feed_delivery'))", rs -> {});
    // Files published header-only since the last delivery that carried rows are published whole again.
    Before before = jdbc.queryForObject("""
        SELECT EXISTS (SELECT 1 FROM feed_delivery WHERE delivery_day = ?), max(delivery_day), max(rows_until),
          EXISTS (SELECT 1 FROM feed_delivery WHERE fault = ? AND delivery_day >
            (SELECT coalesce(max(delivery_day), '-infinity'::date) FROM feed_delivery WHERE rows_until IS NOT NULL))
        FROM feed_delivery""", (rs, row) -> new Before(rs.getBoolean(1), rs.getObject(2, LocalDate.class),
            Optional.ofNullable(rs.getTimestamp(3)).map(Timestamp::toInstant).orElse(Instant.EPOCH), rs.getBoolean(4)),
        day, FeedFault.HEADER_ONLY.name());
    if (before.done()) {
      delivered.forget();
      return false;
    }
    Instant from = before.from();
    FeedFault fault = faults.takeForDelivery().orElse(null);
    boolean carried = fault != FeedFault.LATE && fault != FeedFault.HEADER_ONLY;
    if (fault != FeedFault.LATE) {
      List<String> owners = jdbc.queryForList("""
          SELECT account_id FROM account WHERE kind IN ('SELLER', 'RESELLER') AND created_at < ? ORDER BY account_id""",
          String.class, Timestamp.from(due)).stream().map(String::trim).toList();
      if (fault == FeedFault.HEADER_ONLY) {
        files.publishHeaderOnly(owners, day, due);
      } else if (!owners.isEmpty()) {
        deliverTo(owners, day, from, due, fault, before);
      }
    }
    jdbc.update("INSERT INTO feed_delivery (delivery_day, delivered_at, rows_from, rows_until, fault) VALUES (?, ?, ?, ?, ?)",
        day, Timestamp.from(due), Timestamp.from(from), carried ? Timestamp.from(due) : null,
        fault == null ? null : fault.name());
    delivered.write(day);
    return true;
  }

  /**
   * The owners' day: the rows each feed gained, appended to its month file. A day without news for a feed whose
   * month file exists leaves it as it is, and the rows delivered before are read once for all feeds and days of
   * a run of deliveries: a year's clock move delivers 365 days to every seller and reseller.
   */
  private void deliverTo(List<String> owners, LocalDate day, Instant from, Instant due, FeedFault fault,
      Before before) {
    Map<String, Set<String>> feedsWithFile = files.feedsWithFileOf(day);
    Map<String, List<FeedRow>> billed = billing.of(owners, from, due);
    PartyFeedRows.Parties people = parties.read(owners, due);
    CatalogFeedRows.Catalog entities = catalog.read(due);
    Set<String> accountIds = new HashSet<>();
    owners.forEach(owner -> {
      accountIds.addAll(people.accountIds(owner));
      accountIds.addAll(entities.accountIds(owner));
    });
    // Every key the day's rows name, read (or made) at once: the rows' writers then find them remembered.
    accounts.keysOf(accountIds);
    Map<String, Set<UUID>> named = new HashMap<>();
    owners.forEach(owner -> named.put(owner, parties.namedAccounts(people, owner)));
    var accounts = parties.accounts(named.values().stream().flatMap(Set::stream).collect(Collectors.toSet()));
    delivered.upTo(before.lastDay());
    List<FeedFiles.Append> appends = new ArrayList<>();
    for (String owner : owners) {
      List<FeedRow> billedRows = billed.getOrDefault(owner, List.of());
      if (fault == FeedFault.DUPLICATE_ROWS) {
        billedRows = new ArrayList<>(billedRows);
        billedRows.addAll(List.copyOf(billedRows));
      }
      List<FeedRow> offers = catalog.offerAndTargetRows(entities, owner);
      PartyFeedRows.AccountAndAddressRows partyAccounts = parties.accountAndAddressRows(named.get(owner), accounts);
      Map<Feed, List<FeedRow>> rows = new EnumMap<>(Feed.class);
      rows.put(Feed.ACCOUNT, delivered.fresh(owner, Feed.ACCOUNT, partyAccounts.accounts()));
      rows.put(Feed.ADDRESS, delivered.fresh(owner, Feed.ADDRESS, partyAccounts.addresses()));
      rows.put(Feed.AGREEMENT, delivered.fresh(owner, Feed.AGREEMENT, parties.agreementRows(people, owner)));
      rows.put(Feed.OFFER, delivered.fresh(owner, Feed.OFFER,
          offers.stream().filter(r -> r.feed() == Feed.OFFER).toList()));
      rows.put(Feed.OFFER_TARGET, delivered.fresh(owner, Feed.OFFER_TARGET,
          offers.stream().filter(r -> r.feed() == Feed.OFFER_TARGET).toList()));
      rows.put(Feed.PRODUCT, delivered.fresh(owner, Feed.PRODUCT, catalog.productRows(entities, owner)));
      rows.put(Feed.BILLING_EVENT, billedRows);
      // The sandbox never had legacy IDs: the mapping feed is its header.
      rows.put(Feed.LEGACY_ID_MAPPING, List.of());
      Set<String> withFile = feedsWithFile.getOrDefault(owner, Set.of());
      for (Feed feed : Feed.values()) {
        if (!rows.get(feed).isEmpty() || !withFile.contains(feed.folder())) {
          appends.add(new FeedFiles.Append(owner, feed, rows.get(feed)));
        }
      }
    }
    files.appendAll(day, appends, due);
    if (before.republish()) {
      files.republishAll(day, owners, due);
    }
  }
}
