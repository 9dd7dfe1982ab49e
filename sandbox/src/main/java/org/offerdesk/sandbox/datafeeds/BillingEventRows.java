package org.offerdesk.sandbox.datafeeds;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code billingeventfeed_v1}: the billing events billing wrote for the feed's owner, by the
 * sandbox time they happened. Billing events are immutable, so each is delivered with the day it happened.
 * Read for all the day's owners at once, in one statement each.
 */
@Repository
class BillingEventRows {

  private final JdbcTemplate jdbc;
  private final String select;

  BillingEventRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.select = "SELECT " + String.join(", ", Feed.BILLING_EVENT.columns()) + ", feed_owner"
        + " FROM billing_event WHERE feed_owner = ANY (CAST(? AS char(12)[])) AND action_date >= ? AND action_date < ?"
        + " ORDER BY feed_owner, action_date, billing_event_id";
  }

  /** Each owner's billing events with an action date in [from, until), by owner. */
  Map<String, List<FeedRow>> of(List<String> owners, Instant from, Instant until) {
    int columns = Feed.BILLING_EVENT.columns().size();
    Map<String, List<FeedRow>> rows = new HashMap<>();
    jdbc.query(select, rs -> {
      List<String> cells = new ArrayList<>(columns);
      for (int i = 1; i <= columns; i++) {
        cells.add(FeedRow.cell(rs.getObject(i)));
      }
      rows.computeIfAbsent(rs.getString(columns + 1).trim(), owner -> new ArrayList<>())
          .add(new FeedRow(Feed.BILLING_EVENT, rs.getString(1).trim(), cells));
    }, owners.toArray(String[]::new), Timestamp.from(from), Timestamp.from(until));
    return rows;
  }

  /** The account-feed keys each owner's billing events up to {@code until} refer to, in key order, by owner. */
  Map<String, List<UUID>> accountKeys(List<String> owners, Instant until) {
    Map<String, List<UUID>> keys = new HashMap<>();
    jdbc.query("""
        SELECT DISTINCT feed_owner, k FROM billing_event,
          unnest(ARRAY[from_account_id, to_account_id, end_user_account_id, recipient_account_id]) AS k
        WHERE feed_owner = ANY (CAST(? AS char(12)[])) AND action_date < ? AND k IS NOT NULL ORDER BY feed_owner, k""",
        rs -> {
          keys.computeIfAbsent(rs.getString(1).trim(), owner -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
        }, owners.toArray(String[]::new), Timestamp.from(until));
    return keys;
  }
}
