package org.offerdesk.sandbox.datafeeds;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code billingeventfeed_v1}: the billing events billing wrote for the feed's owner, by the
 * sandbox time they happened. Billing events are immutable, so each is delivered with the day it happened.
 */
@Repository
class BillingEventRows {

  private final JdbcTemplate jdbc;
  private final String select;

  BillingEventRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.select = "SELECT " + String.join(", ", Feed.BILLING_EVENT.columns())
        + " FROM billing_event WHERE feed_owner = ? AND action_date >= ? AND action_date < ?"
        + " ORDER BY action_date, billing_event_id";
  }

  /** The owner's billing events with an action date in [from, until). */
  List<FeedRow> of(String owner, Instant from, Instant until) {
    int columns = Feed.BILLING_EVENT.columns().size();
    return jdbc.query(select, (rs, row) -> {
      List<String> cells = new ArrayList<>(columns);
      for (int i = 1; i <= columns; i++) {
        cells.add(FeedRow.cell(rs.getObject(i)));
      }
      return new FeedRow(Feed.BILLING_EVENT, rs.getString(1).trim(), cells);
    }, owner, Timestamp.from(from), Timestamp.from(until));
  }

  /** The account-feed keys the owner's billing events up to {@code until} refer to. */
  List<java.util.UUID> accountKeys(String owner, Instant until) {
    return jdbc.queryForList("""
        SELECT DISTINCT k FROM billing_event,
          unnest(ARRAY[from_account_id, to_account_id, end_user_account_id, recipient_account_id]) AS k
        WHERE feed_owner = ? AND action_date < ? AND k IS NOT NULL ORDER BY k""",
        java.util.UUID.class, owner, Timestamp.from(until));
  }
}
