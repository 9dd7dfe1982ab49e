package org.offerdesk.bench.scenarios;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.offerdesk.bench.Console;
import org.offerdesk.bench.FeedData;
import org.offerdesk.bench.Figure;
import org.offerdesk.bench.OfferDesk;
import org.offerdesk.bench.Scenario;
import org.offerdesk.bench.Settings;
import org.offerdesk.bench.Workbench;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * P4: a month of the seller data feed (1M billing rows in the full run) in the embedded sandbox's feed
 * bucket, read and reconciled by OfferDesk end to end ({@code POST /api/v1/finance/sync} until the sync is
 * DONE), beside a hand-written SQL join of the same rows loaded by {@code COPY} from the same CSV. Each repeat
 * starts from an empty ledger. Then a sync with nothing new (what each hourly sync costs once the month is read),
 * and the invoices and payouts tables' first pages at 10 clients beside their SQL.
 */
public final class ReconciliationScenario implements Scenario {

  private static final String[] LEDGER = {"finance_exception", "finance_invoice", "finance_payout",
      "finance_agreement_order", "finance_billing_event", "finance_invoice_day", "finance_agreement", "finance_offer", "finance_feed_file",
      "webhook_event"};

  /** The baseline's join: invoices with their order, and payouts with their lines, as the ledger derives them. */
  private static final String JOIN = """
      CREATE TEMP TABLE bench_invoice AS
      SELECT e.invoice_id, min(e.agreement_id) AS agreement_id, min(o.id::text) AS order_id,
        sum(e.amount::numeric) FILTER (WHERE e.action = 'INVOICED' AND e.transaction_type = 'SELLER_REV_SHARE') AS amount,
        -sum(e.amount::numeric) FILTER (WHERE e.action = 'INVOICED' AND e.transaction_type = 'AWS_REV_SHARE') AS fee,
        sum(e.amount::numeric) FILTER (WHERE e.action = 'INVOICED' AND e.balance_impacting = '1') AS net,
        sum(e.amount::numeric) FILTER (WHERE e.action = 'COLLECTED') AS collected,
        -sum(e.amount::numeric) FILTER (WHERE e.action = 'DISBURSED') AS disbursed,
        max(e.disbursement_billing_event_id) AS payout_id
      FROM bench_billing e LEFT JOIN customer_order o ON o.organization_id = ? AND o.agreement_id = e.agreement_id
      WHERE e.transaction_type NOT IN ('DISBURSEMENT', 'DISBURSEMENT_FAILURE')
      GROUP BY e.invoice_id""";

  /** The baseline's payouts: each DISBURSEMENT row with the lines pointing to it and how many have no order. */
  private static final String PAYOUT_JOIN = """
      CREATE TEMP TABLE bench_payout AS
      SELECT p.billing_event_id AS payout_id, p.amount::numeric AS amount, -sum(m.amount::numeric) AS lines_total,
        count(*) AS lines, count(*) FILTER (WHERE o.id IS NULL) AS unlinked
      FROM bench_billing p JOIN bench_billing m ON m.disbursement_billing_event_id = p.billing_event_id
        AND m.action = 'DISBURSED'
      LEFT JOIN customer_order o ON o.organization_id = ? AND o.agreement_id = m.agreement_id
      WHERE p.transaction_type = 'DISBURSEMENT'
      GROUP BY p.billing_event_id, p.amount""";

  private static final Pattern SYNC_ID = Pattern.compile("\"syncId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");
  private static final Pattern ROWS_READ = Pattern.compile("\"rowsRead\"\\s*:\\s*(\\d+)");

  @Override
  public String id() {
    return "P4";
  }

  @Override
  public String title() {
    return "a month of billing rows read from the feed bucket and reconciled vs COPY + a SQL join";
  }

  @Override
  public List<Figure> run(Settings settings, Workbench bench) throws Exception {
    OfferDesk desk = bench.closeAtEnd(OfferDesk.start(bench, "p4", Map.of("OFFERDESK_FINANCE_SYNCINTERVAL", "P1D",
        // No demo history: its sandbox deliveries would add their own rows to the ledger during the run.
        "OFFERDESK_DEMO_DATA", "none"),
        // pg_stat_statements counts the statements of a table's request
        Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track_utility", "off")));
    long rows = settings.scaled(1_000_000, 2_000);
    FeedData.Month month = loadMonth(desk, rows, bench);
    HttpClient http = Console.client();
    List<Double> syncSeconds = new ArrayList<>();
    List<Double> joinSeconds = new ArrayList<>();
    List<Double> copySeconds = new ArrayList<>();
    long[] counts = new long[2];
    for (int r = 0; r <= settings.repeats(); r++) {
      String what = r == 0 ? "warm-up" : "repeat " + r + " of " + settings.repeats();
      double[] baseline = baseline(desk, month, counts);
      emptyLedger(desk);
      double sync = sync(desk, http, month.rows());
      bench.progress(String.format("P4 %s: sync %.1f s, COPY %.1f s + join %.1f s", what, sync, baseline[0],
          baseline[1]));
      checkLedger(desk, counts);
      if (r > 0) {
        syncSeconds.add(sync);
        copySeconds.add(baseline[0]);
        joinSeconds.add(baseline[0] + baseline[1]);
      }
    }
    List<Figure> figures = new ArrayList<>();
    Figure.Stats sync = Figure.Stats.of(syncSeconds);
    Figure.Stats join = Figure.Stats.of(joinSeconds);
    figures.add(new Figure("P4", String.format("first sync and reconciliation of %,d billing rows, end to end",
        month.rows()), "s", sync, join, "≤ 15 s and ≤ 3× baseline", sync.median() <= 15 && sync.median() <= 3 * join.median()));
    figures.add(new Figure("P4", "first sync rows/s (baseline: COPY of the same CSV)", "rows/s",
        perSecond(month.rows(), syncSeconds), perSecond(month.rows(), copySeconds), null, null));
    figures.add(incremental(desk, http, month, settings));
    figures.addAll(FinanceTables.figures(desk, http, settings, bench));
    bench.closeNow(desk);
    return figures;
  }

  /** Writes a month of about {@code rows} billing rows into the demo seller's feed bucket ({@link FeedData}). */
  public static FeedData.Month loadMonth(OfferDesk desk, long rows, Workbench bench) throws Exception {
    String bucket;
    String prefix;
    try (Connection c = desk.db().connect(); PreparedStatement s = c.prepareStatement(
        "SELECT bucket, coalesce(prefix, '') FROM marketplace_data_feed WHERE organization_id = ?")) {
      s.setObject(1, desk.demoSeller());
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("The demo seller has no data feed bucket");
        }
        bucket = rs.getString(1);
        prefix = rs.getString(2).isEmpty() || rs.getString(2).endsWith("/") ? rs.getString(2) : rs.getString(2) + "/";
      }
      long start = System.nanoTime();
      FeedData.Month month = new FeedData().load(c, desk.demoSeller(), bucket, prefix, rows, bench::progress);
      bench.progress(String.format("feed data: %,d billing rows (%,d invoices, %,d payouts, %,d agreements) in %.0f s",
          month.rows(), month.invoices(), month.payouts(), month.agreements(), (System.nanoTime() - start) / 1e9));
      return month;
    }
  }

  private static Figure.Stats perSecond(long rows, List<Double> seconds) {
    return Figure.Stats.of(seconds.stream().map(s -> rows / s).toList());
  }

  /** COPY of the same CSV files into a table of text columns, then the join; seconds of each. */
  private static double[] baseline(OfferDesk desk, FeedData.Month month, long[] counts) throws Exception {
    try (Connection c = desk.db().connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench_billing, bench_invoice, bench_payout");
      s.execute("CREATE UNLOGGED TABLE bench_billing (" + String.join(" text, ", FeedData.BILLING_COLUMNS) + " text)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long start = System.nanoTime();
      for (byte[] file : month.billingFiles()) {
        copy.copyIn("COPY bench_billing FROM STDIN (FORMAT csv, HEADER true)", new ByteArrayInputStream(file));
      }
      double copied = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      s.execute("ANALYZE bench_billing");
      for (String sql : new String[] {JOIN, PAYOUT_JOIN}) {
        try (PreparedStatement join = c.prepareStatement(sql)) {
          join.setObject(1, desk.demoSeller());
          join.execute();
        }
      }
      double joined = (System.nanoTime() - start) / 1e9;
      counts[0] = count(s, "SELECT count(*) FROM bench_invoice");
      counts[1] = count(s, "SELECT count(*) FROM bench_payout WHERE unlinked = 0 AND round(amount, 2) = round(lines_total, 2)");
      s.execute("DROP TABLE bench_billing, bench_invoice, bench_payout");
      return new double[] {copied, joined};
    }
  }

  /**
   * The ledger agrees with the baseline's join: as many invoices, as many payouts reconciled, of the month's
   * own (a feed day the sandbox delivers meanwhile adds its own).
   */
  private static void checkLedger(OfferDesk desk, long[] counts) throws SQLException {
    try (Connection c = desk.db().connect(); Statement s = c.createStatement()) {
      String org = "'" + desk.demoSeller() + "'";
      long invoices = count(s, "SELECT count(*) FROM finance_invoice WHERE organization_id = " + org
          + " AND invoice_id LIKE 'inv-%'");
      long reconciled = count(s, "SELECT count(*) FROM finance_payout WHERE organization_id = " + org
          + " AND status = 'RECONCILED' AND payout_id LIKE 'payout-%'");
      if (invoices != counts[0] || reconciled != counts[1]) {
        throw new IllegalStateException("The ledger has " + invoices + " invoices and " + reconciled
            + " reconciled payouts; the SQL join " + counts[0] + " and " + counts[1]);
      }
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void emptyLedger(OfferDesk desk) throws SQLException {
    try (Connection c = desk.db().connect()) {
      for (String table : LEDGER) {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE organization_id = ?")) {
          s.setObject(1, desk.demoSeller());
          s.executeUpdate();
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE");
      }
    }
  }

  /** Asks for a sync and waits until it is DONE; its seconds from the request. */
  public static double sync(OfferDesk desk, HttpClient http, long expectedRows) throws Exception {
    long start = System.nanoTime();
    String accepted = Console.post(http, desk.app().base().resolve("/api/v1/finance/sync"), desk.token(), "{}");
    Matcher id = SYNC_ID.matcher(accepted);
    if (!id.find()) {
      throw new IllegalStateException("No sync ID in " + accepted);
    }
    URI status = desk.app().base().resolve("/api/v1/finance/syncs/" + id.group(1));
    while (true) {
      String body = Console.get(http, status, desk.token());
      Matcher m = STATUS.matcher(body);
      if (m.find() && m.group(1).equals("DONE")) {
        double seconds = (System.nanoTime() - start) / 1e9;
        Matcher read = ROWS_READ.matcher(body);
        if (!read.find() || Long.parseLong(read.group(1)) < expectedRows) {
          throw new IllegalStateException("The sync read fewer rows than the feed holds: " + body);
        }
        return seconds;
      }
      if (m.find(0) && m.group(1).equals("FAILED")) {
        throw new IllegalStateException("The sync failed: " + body);
      }
      // A hundredth of the time so far (50 ms to 1 s): the figure is at most 1% late, and the app under test is
      // not asked 20 times a second for minutes (JFR of a 1M-row sync at load ~40: the status requests took as
      // many CPU samples as the sync's own thread).
      Thread.sleep(Math.max(50, Math.min(1_000, (System.nanoTime() - start) / 100_000_000L)));
    }
  }

  /** A sync after 1% more rows arrived in a new file of the month: what each hourly sync costs. */
  private static Figure incremental(OfferDesk desk, HttpClient http, FeedData.Month month, Settings settings)
      throws Exception {
    List<Double> seconds = new ArrayList<>();
    for (int r = 0; r < settings.repeats(); r++) {
      seconds.add(sync(desk, http, 0));
    }
    return new Figure("P4", "a sync with nothing new after the month was read", "s", Figure.Stats.of(seconds), null,
        null, null);
  }
}
