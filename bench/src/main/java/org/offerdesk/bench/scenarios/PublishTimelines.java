package org.offerdesk.bench.scenarios;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.bench.Figure;
import org.offerdesk.bench.OfferDesk;

/**
 * P1's timelines: where the time of the measured round trips and of each round of concurrent publishers went, read
 * back from the rows they left (OfferDesk's offer events and the sandbox's change sets, in the same database).
 */
final class PublishTimelines {

  private PublishTimelines() {}

  /**
   * Where the time of one round of concurrent publishers went, in milliseconds from the round's first "publish
   * requested" (all from the rows the round left): the last publish requested (the two POSTs of 50 clients), the
   * change sets' starts (median, last: how quickly the publish jobs submitted them), from the sandbox's start of a
   * change set to OfferDesk's record of its ID (StartChangeSet's answer, median), how long they ran, from each end
   * to SENT (median, last), split at the "Change Set Succeeded" event's arrival in OfferDesk's inbox (its
   * {@code received_at}, stamped by the queue's reader before the inbox transaction: end -> inbox is the queue and
   * the reader, inbox -> SENT the event's job and the tracking job's look), how many reader turns (distinct
   * {@code received_at}) brought those events, the most change sets in flight at once and how many were in flight
   * every 250 ms.
   */
  record Spread(double lastRequested, double medianStart, double lastStart, double answered, double running,
      double toSent, double lastToSent, double toInbox, double inboxToSent, long turns, int inFlight,
      String inFlightEvery250ms) {
    String describe() {
      return String.format("timeline from the first publish requested: last requested %.0f ms; change sets started "
              + "median %.0f / last %.0f ms; started -> ID recorded median %.0f ms; running median %.0f ms; "
              + "ended -> SENT median %.0f / max %.0f ms (ended -> in the inbox median %.0f ms, in the inbox -> SENT "
              + "median %.0f ms; %d reader turns brought the ends); %d change sets in flight at most; in flight every "
              + "250 ms: %s",
          lastRequested, medianStart, lastStart, answered, running, toSent, lastToSent, toInbox, inboxToSent, turns,
          inFlight, inFlightEvery250ms);
    }
  }

  static Spread spread(OfferDesk desk, List<String> offerIds) throws Exception {
    List<double[]> rows = new ArrayList<>();
    try (Connection c = desk.db().connect(); PreparedStatement s = c.prepareStatement("""
        SELECT extract(epoch FROM req.at) * 1000, extract(epoch FROM cs.start_time) * 1000,
               extract(epoch FROM cs.end_time) * 1000, extract(epoch FROM sent.at) * 1000,
               extract(epoch FROM submitted.at) * 1000, extract(epoch FROM inbox.at) * 1000
        FROM offer o
        JOIN sandbox.change_set cs ON cs.change_set_id = o.change_set_id
        CROSS JOIN LATERAL (SELECT min(occurred_at) AS at FROM offer_event
                            WHERE offer_id = o.id AND cause = 'publish requested') req
        CROSS JOIN LATERAL (SELECT min(occurred_at) AS at FROM offer_event
                            WHERE offer_id = o.id AND cause = 'change set submitted') submitted
        CROSS JOIN LATERAL (SELECT min(occurred_at) AS at FROM offer_event WHERE offer_id = o.id AND stage = 'SENT') sent
        CROSS JOIN LATERAL (SELECT min(received_at) AS at FROM marketplace_event e
                            WHERE e.organization_id = o.organization_id AND e.detail_type = 'Change Set Succeeded'
                            AND e.body -> 'detail' ->> 'ChangeSetId' = o.change_set_id) inbox
        WHERE o.id = ANY (?)""")) {
      s.setArray(1, c.createArrayOf("uuid", offerIds.toArray()));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
              rs.getDouble(5), rs.getObject(6) == null ? Double.NaN : rs.getDouble(6)});
        }
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalStateException("No timeline found for the concurrent round");
    }
    double zero = rows.stream().mapToDouble(r -> r[0]).min().orElseThrow();
    List<Double> starts = rows.stream().map(r -> r[1] - zero).toList();
    List<Double> toSent = rows.stream().map(r -> r[3] - r[2]).toList();
    List<double[]> edges = new ArrayList<>();
    for (double[] r : rows) {
      edges.add(new double[] {r[1], 1});
      edges.add(new double[] {r[2], -1});
    }
    edges.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    int now = 0;
    int most = 0;
    for (double[] e : edges) {
      now += (int) e[1];
      most = Math.max(most, now);
    }
    StringBuilder every250 = new StringBuilder();
    double last = rows.stream().mapToDouble(r -> r[2]).max().orElseThrow();
    for (double t = zero; t <= last + 250; t += 250) {
      double at = t;
      every250.append(every250.length() == 0 ? "" : " ").append(rows.stream().filter(r -> r[1] <= at && r[2] > at).count());
    }
    return new Spread(rows.stream().mapToDouble(r -> r[0] - zero).max().orElseThrow(),
        Figure.Stats.of(starts).median(), Figure.Stats.of(starts).max(),
        Figure.Stats.of(rows.stream().map(r -> r[4] - r[1]).toList()).median(),
        Figure.Stats.of(rows.stream().map(r -> r[2] - r[1]).toList()).median(),
        Figure.Stats.of(toSent).median(), Figure.Stats.of(toSent).max(),
        medianOrNaN(rows.stream().filter(r -> !Double.isNaN(r[5])).map(r -> r[5] - r[2]).toList()),
        medianOrNaN(rows.stream().filter(r -> !Double.isNaN(r[5])).map(r -> r[3] - r[5]).toList()),
        rows.stream().filter(r -> !Double.isNaN(r[5])).mapToDouble(r -> r[5]).distinct().count(), most,
        every250.toString());
  }

  private static double medianOrNaN(List<Double> samples) {
    return samples.isEmpty() ? Double.NaN : Figure.Stats.of(samples).median();
  }

  /** Medians in milliseconds of each part of the measured round trips, from the rows they left. */
  record Timeline(double toStart, double running, double toSent, double requestedToSent) {}

  /**
   * Reads each offer's "publish requested" and SENT events and the sandbox's change set (same database, schema
   * {@code sandbox}; both written on the platform clock, which in the demo is the sandbox's).
   */
  static Timeline timeline(OfferDesk desk, List<String> offerIds) throws Exception {
    List<Double> toStart = new ArrayList<>();
    List<Double> running = new ArrayList<>();
    List<Double> toSent = new ArrayList<>();
    List<Double> whole = new ArrayList<>();
    try (Connection c = desk.db().connect(); PreparedStatement s = c.prepareStatement("""
        SELECT extract(epoch FROM cs.start_time - req.at) * 1000, extract(epoch FROM cs.end_time - cs.start_time) * 1000,
               extract(epoch FROM sent.at - cs.end_time) * 1000, extract(epoch FROM sent.at - req.at) * 1000
        FROM offer o
        JOIN sandbox.change_set cs ON cs.change_set_id = o.change_set_id
        CROSS JOIN LATERAL (SELECT min(occurred_at) AS at FROM offer_event
                            WHERE offer_id = o.id AND cause = 'publish requested') req
        CROSS JOIN LATERAL (SELECT min(occurred_at) AS at FROM offer_event WHERE offer_id = o.id AND stage = 'SENT') sent
        WHERE o.id = ANY (?)""")) {
      Array ids = c.createArrayOf("uuid", offerIds.toArray());
      s.setArray(1, ids);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          toStart.add(rs.getDouble(1));
          running.add(rs.getDouble(2));
          toSent.add(rs.getDouble(3));
          whole.add(rs.getDouble(4));
        }
      }
    }
    if (toStart.isEmpty()) {
      throw new IllegalStateException("No timeline found for the measured offers");
    }
    return new Timeline(Figure.Stats.of(toStart).median(), Figure.Stats.of(running).median(),
        Figure.Stats.of(toSent).median(), Figure.Stats.of(whole).median());
  }
}
