package org.offerdesk.bench.scenarios;

import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.offerdesk.bench.Alternating;
import org.offerdesk.bench.Console;
import org.offerdesk.bench.Figure;
import org.offerdesk.bench.Load;
import org.offerdesk.bench.OfferDesk;
import org.offerdesk.bench.RequestCounts;
import org.offerdesk.bench.Settings;
import org.offerdesk.bench.Workbench;

/**
 * P4's finance tables at 1M billing rows, each beside its SQL through JDBC (see {@link ReconciliationScenario}).
 */
final class FinanceTables {

  private FinanceTables() {}

  private static final int CLIENTS = 10;

  /** The invoices table's page SQL as the API's table query writes it ({@code TableQuery}), with its filter. */
  private static final String INVOICES_SQL = "SELECT * FROM finance_invoice WHERE organization_id = ?%s"
      + " ORDER BY invoiced_on DESC, invoice_id DESC LIMIT 51";

  /** A payout page's SQL: the payout, and its first page of lines (as {@code LedgerQueries.payout}). */
  private static final String PAYOUT_SQL = "SELECT * FROM finance_payout WHERE organization_id = ? AND payout_id = ?";
  private static final String LINES_SQL = """
      SELECT m.billing_event_id, m.invoice_id, m.agreement_id, l.order_id, m.transaction_type, -m.amount
      FROM finance_billing_event m LEFT JOIN finance_agreement_order l
        ON l.organization_id = m.organization_id AND l.agreement_id = m.agreement_id
      WHERE m.organization_id = ? AND m.disbursement_billing_event_id = ? AND m.disbursement_billing_event_id IS NOT NULL
        AND m.action = 'DISBURSED' AND NOT m.deleted AND m.transaction_type NOT IN ('DISBURSEMENT', 'DISBURSEMENT_FAILURE')
      ORDER BY (m.invoice_id IS NULL), m.invoice_id, m.transaction_type, m.billing_event_id LIMIT 201""";

  /** One request of a mix: the API's or page's URI and its SQL with parameters (after the organization). */
  private record Ask(URI uri, String sql, Object... params) {}

  /**
   * The finance tables at 10 clients, each beside its SQL through JDBC: the invoices table's first page, then a
   * mix of filters (status, order, agreement) and a later page (cursor); the payouts table; a payout with its
   * first page of lines (the month's largest payout); and the console's pages (the finance page with its
   * invoices table, the payouts table, a payout page) beside the API's. Pool checkouts and SQL statements per
   * request first (counts, not times).
   */
  static List<Figure> figures(OfferDesk desk, HttpClient http, Settings settings, Workbench bench)
      throws Exception {
    URI base = desk.app().base();
    UUID org = desk.demoSeller();
    String orderId;
    String agreementId;
    String afterDate;
    String afterInvoice;
    String payoutId;
    try (Connection c = desk.db().connect(); Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      try (ResultSet rs = s.executeQuery("SELECT order_id, agreement_id FROM finance_invoice WHERE organization_id = '"
          + org + "' AND order_id IS NOT NULL ORDER BY invoice_id LIMIT 1 OFFSET 1000")) {
        rs.next();
        orderId = rs.getString(1);
        agreementId = rs.getString(2);
      }
      try (ResultSet rs = s.executeQuery("SELECT invoiced_on, invoice_id FROM finance_invoice WHERE organization_id = '"
          + org + "' ORDER BY invoiced_on DESC, invoice_id DESC LIMIT 1 OFFSET 49")) {
        rs.next();
        afterDate = rs.getString(1);
        afterInvoice = rs.getString(2);
      }
      try (ResultSet rs = s.executeQuery("SELECT payout_id FROM finance_payout WHERE organization_id = '" + org
          + "' ORDER BY line_count DESC, payout_id LIMIT 1")) {
        rs.next();
        payoutId = rs.getString(1);
      }
    }
    String cursor = nextCursor(Console.get(http, base.resolve("/api/v1/finance/invoices"), desk.token()));
    String invoices = "/api/v1/finance/invoices";
    List<Ask> mix = List.of(
        new Ask(base.resolve(invoices + "?status=COLLECTED"), String.format(INVOICES_SQL,
            " AND status = ? AND status <> 'DISBURSED'"), "COLLECTED"), // as LedgerQueries writes it (V178)
        new Ask(base.resolve(invoices + "?orderId=" + orderId), String.format(INVOICES_SQL, " AND order_id = ?"),
            UUID.fromString(orderId)),
        new Ask(base.resolve(invoices + "?agreementId=" + agreementId), String.format(INVOICES_SQL,
            " AND agreement_id = ?"), agreementId),
        new Ask(base.resolve(invoices + "?cursor=" + cursor), String.format(INVOICES_SQL,
            " AND (invoiced_on, invoice_id) < (CAST(? AS date), CAST(? AS text))"), afterDate, afterInvoice),
        new Ask(base.resolve(invoices + "?status=INVOICED&cursor=" + nextCursor(Console.get(http,
            base.resolve(invoices + "?status=INVOICED"), desk.token()))), String.format(INVOICES_SQL,
            " AND status = ? AND status <> 'DISBURSED'"
                + " AND (invoiced_on, invoice_id) < (CAST(? AS date), CAST(? AS text))"),
            "INVOICED",
            afterDate, afterInvoice));
    URI payout = base.resolve("/api/v1/finance/payouts/" + Console.enc(payoutId));
    HttpClient console = Console.signedIn(base, desk.adminEmail(), desk.password());
    URI financePage = base.resolve("/finance");
    URI payoutsPage = base.resolve("/finance/payouts");
    URI payoutPage = base.resolve("/finance/payouts/" + Console.enc(payoutId));

    List<Figure> figures = new ArrayList<>();
    try (Connection stats = desk.db().connect()) {
      figures.addAll(RequestCounts.of("P4", "invoices API request (first page)", desk, stats,
          () -> Console.get(http, base.resolve(invoices), desk.token())));
      figures.addAll(RequestCounts.of("P4", "payout API request (" + payoutId + ", first lines)", desk, stats,
          () -> Console.get(http, payout, desk.token())));
      figures.addAll(RequestCounts.of("P4", "console /finance request", desk, stats,
          () -> Console.get(console, financePage, null)));
      figures.addAll(RequestCounts.of("P4", "console payout page request", desk, stats,
          () -> Console.get(console, payoutPage, null)));
    }

    figures.addAll(apiBesideSql(desk, http, settings, bench, "GET /api/v1/finance/invoices",
        List.of(new Ask(base.resolve(invoices), String.format(INVOICES_SQL, "")))));
    figures.addAll(apiBesideSql(desk, http, settings, bench,
        "GET /api/v1/finance/invoices (status, orderId, agreementId, a later page, in turn)", mix));
    figures.addAll(apiBesideSql(desk, http, settings, bench, "GET /api/v1/finance/payouts", List.of(new Ask(
        base.resolve("/api/v1/finance/payouts"),
        "SELECT * FROM finance_payout WHERE organization_id = ? ORDER BY paid_on DESC, payout_id DESC LIMIT 51"))));
    figures.addAll(apiBesideSql(desk, http, settings, bench, "GET /api/v1/finance/payouts/{id} (" + payoutId
        + ", first 200 lines)", List.of(new Ask(payout, PAYOUT_SQL + ";" + LINES_SQL, payoutId))));
    figures.add(pageBesideApi(desk, http, console, settings, bench, "console /finance (invoices table, totals, charts)",
        financePage, base.resolve(invoices)));
    figures.add(pageBesideApi(desk, http, console, settings, bench, "console /finance/payouts", payoutsPage,
        base.resolve("/api/v1/finance/payouts")));
    figures.add(pageBesideApi(desk, http, console, settings, bench, "console /finance/payouts/{id} (first 200 lines)",
        payoutPage, payout));
    return figures;
  }

  private static String nextCursor(String page) {
    Matcher m = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"").matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("No next page in " + page.substring(0, Math.min(200, page.length())));
    }
    return m.group(1);
  }

  /** The API at 10 clients, request i asking mix[i % n], beside the same SQL (every column read) through JDBC. */
  private static List<Figure> apiBesideSql(OfferDesk desk, HttpClient http, Settings settings, Workbench bench,
      String what, List<Ask> mix) throws Exception {
    PreparedStatement[][] statements = new PreparedStatement[CLIENTS][];
    for (int c = 0; c < CLIENTS; c++) {
      Connection connection = desk.db().connect();
      statements[c] = new PreparedStatement[mix.size() * 2];
      for (int m = 0; m < mix.size(); m++) {
        String[] sqls = mix.get(m).sql().split(";");
        for (int q = 0; q < sqls.length; q++) {
          PreparedStatement s = connection.prepareStatement(sqls[q]);
          s.setObject(1, desk.demoSeller());
          for (int p = 0; p < mix.get(m).params().length; p++) {
            s.setObject(p + 2, mix.get(m).params()[p]);
          }
          statements[c][m * 2 + q] = s;
        }
      }
    }
    Alternating runs = new Alternating()
        .add("api", new Load(CLIENTS, (client, i) ->
            Console.get(http, mix.get((int) (i % mix.size())).uri(), desk.token()).startsWith("{")))
        .add("sql", new Load(CLIENTS, (client, i) -> {
          int m = (int) (i % mix.size());
          for (int q = 0; q < 2; q++) {
            PreparedStatement s = statements[client][m * 2 + q];
            if (s == null) {
              continue;
            }
            try (ResultSet rs = s.executeQuery()) {
              int columns = rs.getMetaData().getColumnCount();
              while (rs.next()) {
                for (int col = 1; col <= columns; col++) {
                  rs.getString(col);
                }
              }
            }
          }
          return true;
        }));
    bench.progress("P4 " + what + " at 10 clients");
    runs.run(settings, bench);
    for (PreparedStatement[] client : statements) {
      client[0].getConnection().close();
    }
    Figure.Stats p99 = runs.stats("api", Alternating::p99);
    return List.of(new Figure("P4", what + " p99 at 10 clients", "ms", p99, runs.stats("sql", Alternating::p99),
        "≤ 100 ms", p99.median() <= 100 && runs.errors("api") == 0));
  }

  /** A console page at 10 clients beside the API request that reads the same table. */
  private static Figure pageBesideApi(OfferDesk desk, HttpClient http, HttpClient console, Settings settings,
      Workbench bench, String what, URI page, URI api) throws Exception {
    Alternating runs = new Alternating()
        .add("page", new Load(CLIENTS, (client, i) -> Console.get(console, page, null).contains("</html>")))
        .add("api", new Load(CLIENTS, (client, i) -> Console.get(http, api, desk.token()).startsWith("{")));
    bench.progress("P4 " + what + " at 10 clients");
    runs.run(settings, bench);
    Figure.Stats p99 = runs.stats("page", Alternating::p99);
    return new Figure("P4", what + " p99 at 10 clients (baseline: the API's p99)", "ms", p99,
        runs.stats("api", Alternating::p99), "≤ 100 ms", p99.median() <= 100 && runs.errors("page") == 0);
  }


}
