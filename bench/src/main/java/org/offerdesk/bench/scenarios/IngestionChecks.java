package org.offerdesk.bench.scenarios;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.offerdesk.bench.OfferDesk;
import org.offerdesk.bench.scenarios.IngestionRound.Deal;
import org.offerdesk.bench.scenarios.IngestionRound.Round;

/**
 * P2's polling and checks: the round's expected end states in a temporary table, how far the app has got, and
 * zero lost and zero duplicated effects once it is done (see {@link EventIngestionScenario}).
 */
final class IngestionChecks {

  private IngestionChecks() {}

  /** The round's expected end states, in a temporary table the polling query joins. */
  static void expectations(Connection c, OfferDesk desk, Round round) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_p2_expected, bench_p2_event");
      s.execute("CREATE TEMP TABLE bench_p2_expected (agreement_id text PRIMARY KEY, offer_id uuid, order_status text,"
          + " offer_stage text, order_kind text, replaces text)");
      s.execute("CREATE TEMP TABLE bench_p2_event (event_id text PRIMARY KEY)");
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO bench_p2_expected VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Deal d : round.deals()) {
        boolean replaced = round.deals().stream().anyMatch(x -> x.replaces() == d);
        s.setString(1, d.agreementId());
        s.setObject(2, d.offer().id());
        s.setString(3, replaced ? "ENDED" : "CANCELLED".equals(d.kind()) ? "CANCELLED" : "PENDING_REGISTRATION");
        s.setString(4, replaced ? "REPLACED" : "ACCEPTED");
        s.setString(5, d.replaces() == null ? "DIRECT" : "AMENDMENT");
        s.setString(6, d.replaces() == null ? null : d.replaces().agreementId());
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO bench_p2_event VALUES (?)")) {
      for (ObjectNode e : round.events()) {
        s.setString(1, e.path("id").asText());
        s.addBatch();
      }
      s.executeBatch();
    }
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE bench_p2_expected");
      s.execute("ANALYZE bench_p2_event");
    }
  }

  /** Agreements whose order and offer are as expected, events handled, messages of the round still queued. */
  static long[] progress(Connection c, OfferDesk desk, Round round, String seller) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("""
        SELECT (SELECT count(*) FROM bench_p2_expected e
                JOIN customer_order o ON o.organization_id = ? AND o.agreement_id = e.agreement_id
                JOIN offer f ON f.id = e.offer_id
                WHERE o.status = e.order_status AND f.stage = e.offer_stage),
               (SELECT count(*) FROM bench_p2_event e JOIN marketplace_event m ON m.organization_id = ?
                AND m.event_id = e.event_id WHERE m.handled_at IS NOT NULL),
               (SELECT count(*) FROM sandbox.queue_message WHERE account_id = ? AND queue_name = 'aws-marketplace-events')""")) {
      s.setObject(1, desk.demoSeller());
      s.setObject(2, desk.demoSeller());
      s.setString(3, seller);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
      }
    }
  }

  /**
   * Zero lost and zero duplicated effects: one order per agreement, of the expected kind, amendments linked both
   * ways, each order's "created" and "cancelled"/"replaced" history once, each offer accepted (and replaced) once,
   * one log row and one done job per distinct event (its own, or its receive's batch job), no order made by anything
   * but an event.
   */
  static void check(OfferDesk desk, Round round) throws Exception {
    String org = "'" + desk.demoSeller() + "'";
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put("orders of the round's agreements", "SELECT count(*) FROM customer_order o JOIN bench_p2_expected e"
        + " ON o.agreement_id = e.agreement_id WHERE o.organization_id = " + org);
    checks.put("orders of the expected status and kind", "SELECT count(*) FROM customer_order o JOIN bench_p2_expected e"
        + " ON o.agreement_id = e.agreement_id WHERE o.organization_id = " + org + " AND o.status = e.order_status"
        + " AND o.kind = e.order_kind AND o.offer_id = e.offer_id");
    checks.put("orders linked as expected (amendments to what they replace, both ways; others to none)", """
        SELECT count(*) FROM customer_order o JOIN bench_p2_expected e ON o.agreement_id = e.agreement_id
        LEFT JOIN customer_order old ON old.organization_id = o.organization_id AND old.agreement_id = e.replaces
        WHERE o.organization_id = %s AND o.replaces_order_id IS NOT DISTINCT FROM old.id
          AND (old.id IS NULL OR old.replaced_by_order_id = o.id) AND (e.replaces IS NULL) = (old.id IS NULL)"""
        .formatted(org));
    checks.put("orders created by an event, once", "SELECT count(*) FROM customer_order o JOIN bench_p2_expected e"
        + " ON o.agreement_id = e.agreement_id WHERE o.organization_id = " + org + " AND (SELECT count(*) FROM"
        + " order_event h WHERE h.order_id = o.id AND h.cause = 'agreement created' AND h.detail LIKE '%(event %') = 1");
    checks.put("orders closed once as expected (cancelled or replaced once, others never)", """
        SELECT count(*) FROM customer_order o JOIN bench_p2_expected e ON o.agreement_id = e.agreement_id
        WHERE o.organization_id = %s AND (SELECT count(*) FROM order_event h WHERE h.order_id = o.id
          AND h.cause IN ('agreement cancelled', 'replaced by an amendment', 'agreement ended'))
          = CASE WHEN e.order_status = 'PENDING_REGISTRATION' THEN 0 ELSE 1 END""".formatted(org));
    checks.put("offers accepted once (and replaced once where expected)", """
        SELECT count(*) FROM bench_p2_expected e JOIN offer f ON f.id = e.offer_id
        WHERE f.stage = e.offer_stage AND f.agreement_id = e.agreement_id
          AND (SELECT count(*) FROM offer_event h WHERE h.offer_id = f.id AND h.stage = 'ACCEPTED'
               AND h.occurred_at > now() - interval '1 day') = 1
          AND (SELECT count(*) FROM offer_event h WHERE h.offer_id = f.id AND h.stage = 'REPLACED'
               AND h.occurred_at > now() - interval '1 day') = CASE WHEN e.offer_stage = 'REPLACED' THEN 1 ELSE 0 END""");
    List<String> failures = new ArrayList<>();
    try (Connection c = desk.db().connect(); Statement s = c.createStatement()) {
      // the temporary tables belong to the polling connection: make them again here
      expectations(c, desk, round);
      int deals = round.deals().size();
      for (Map.Entry<String, String> check : checks.entrySet()) {
        long n = count(s, check.getValue());
        if (n != deals) {
          failures.add(check.getKey() + ": " + n + " of " + deals);
        }
      }
      long events = round.events().size();
      long logged = count(s, "SELECT count(*) FROM marketplace_event m JOIN bench_p2_event e ON m.event_id = e.event_id"
          + " WHERE m.organization_id = " + org);
      // Each distinct event handled by one done job: its own, or (when it has none) the done batch job of the
      // receive it came in; no event in two batches.
      String batched = "SELECT jsonb_array_elements_text(payload->'eventIds') AS event_id FROM job WHERE organization_id = "
          + org + " AND kind = 'marketplace.events' AND status = 'DONE'";
      long jobs = count(s, """
          SELECT count(*) FROM bench_p2_event e JOIN marketplace_event m ON m.organization_id = %1$s
            AND m.event_id = e.event_id
          LEFT JOIN job own ON own.dedupe_key = 'marketplace.event:' || m.organization_id || ':' || e.event_id
          WHERE m.handled_at IS NOT NULL AND (own.status = 'DONE'
            OR (own.id IS NULL AND e.event_id IN (%2$s)))""".formatted(org, batched));
      long inBatches = count(s, "SELECT count(*) FROM (" + batched + ") b JOIN bench_p2_event e ON e.event_id = b.event_id");
      long inBatchesOnce = count(s, "SELECT count(DISTINCT b.event_id) FROM (" + batched + ") b JOIN bench_p2_event e"
          + " ON e.event_id = b.event_id");
      if (logged != events) {
        failures.add("event log rows of the round: " + logged + " of " + events);
      }
      if (jobs != events) {
        failures.add("events handled by a done job (their own or their batch's): " + jobs + " of " + events);
      }
      if (inBatches != inBatchesOnce) {
        failures.add("events in more than one batch: " + (inBatches - inBatchesOnce));
      }
      long swept = count(s, "SELECT count(*) FROM order_event WHERE organization_id = " + org
          + " AND cause = 'agreement created' AND detail NOT LIKE '%(event %'");
      if (swept != 0) {
        failures.add("orders made by something other than an event: " + swept);
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("Lost or duplicated effects: " + String.join("; ", failures));
    }
  }

  static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
