package org.offerdesk.bench.scenarios;

import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.bench.Alternating;
import org.offerdesk.bench.Console;
import org.offerdesk.bench.Figure;
import org.offerdesk.bench.Load;
import org.offerdesk.bench.OfferData;
import org.offerdesk.bench.OfferDesk;
import org.offerdesk.bench.RequestCounts;
import org.offerdesk.bench.OrderData;
import org.offerdesk.bench.Scenario;
import org.offerdesk.bench.Settings;
import org.offerdesk.bench.Workbench;

/**
 * D: the deal desk's home dashboard ({@code GET /api/v1/dashboard} for this quarter, for the team and for one
 * owner, and for this year), the renewals view ({@code GET /api/v1/renewals?within=P120D}) and the console's
 * {@code /dashboard} page, for the demo seller among all sellers' offers and orders, at 10 clients; each beside
 * the same SQL the endpoint runs, through JDBC at the same concurrency (the dashboard's statements in one
 * read-only transaction, as the endpoint runs them). Also pool checkouts and SQL statements per request.
 */
public final class DashboardScenario implements Scenario {

  private static final int CLIENTS = 10;

  /** An owner of about one in eight of each seller's offers ({@link OfferData} spreads them over 8 reps). */
  private static final String OWNER = "rep3@seller.example";

  /**
   * The dashboard's statements as {@code OfferFigureStore}, {@code OrderFigureStore}, approvals and jobs run them
   * (the team's pipeline of a quarter or a year from the monthly figures, as the app reads it since V160).
   */
  private static final String OWNED_ORDER = " AND EXISTS (SELECT 1 FROM offer o WHERE o.organization_id ="
      + " customer_order.organization_id AND o.id = customer_order.offer_id AND o.owner = ?)";

  private static List<String> dashboardSql(boolean owner) {
    String offerOwner = owner ? " AND owner = ?" : "";
    String orderOwner = owner ? OWNED_ORDER : "";
    // The team's pipeline of whole months comes from the monthly figures (V160), an owner's from the offers.
    String pipeline = owner
        ? "SELECT stage, currency, count(*) AS n, sum(contract_total) AS total, count(*) FILTER (WHERE stage ="
            + " 'CANCELLED' AND marketplace_offer_id IS NOT NULL) AS cancelled_after_sent FROM offer"
            + " WHERE organization_id = ? AND created_at >= ? AND created_at < ?" + offerOwner
            + " GROUP BY stage, currency ORDER BY stage, currency"
        : "SELECT stage, nullif(currency, '') AS currency, sum(offers) AS n, CASE WHEN sum(valued) > 0 THEN"
            + " sum(contract_total) END AS total, sum(cancelled_after_sent) AS cancelled_after_sent FROM (SELECT stage,"
            + " currency, offers, valued, contract_total, cancelled_after_sent FROM offer_pipeline_month WHERE"
            + " organization_id = ? AND month >= ? AND month <= ? UNION ALL SELECT stage, currency, offers, valued,"
            + " contract_total, cancelled_after_sent FROM offer_pipeline_change WHERE organization_id = ? AND month >= ?"
            + " AND month <= ?) months GROUP BY stage, currency HAVING sum(offers) <> 0"
            + " ORDER BY stage, nullif(currency, '')";
    return List.of(
        pipeline,
        "SELECT to_char(accepted_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, CASE WHEN customer_order.renewal THEN"
            + " 'RENEWAL' WHEN customer_order.kind = 'AMENDMENT' THEN 'AMENDMENT' WHEN customer_order.kind = 'PARTNER'"
            + " THEN 'PARTNER' ELSE 'NEW' END AS booking_kind, currency, count(*) AS n, sum(total_contract_value) AS"
            + " total FROM customer_order WHERE organization_id = ? AND accepted_at >= ? AND accepted_at < ?"
            + orderOwner + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        "SELECT (SELECT count(*) FROM offer WHERE organization_id = ? AND stage IN ('SENT', 'VIEWED')"
            + " AND expires_on >= ? AND expires_on <= ?" + offerOwner + ") AS expiring, (SELECT count(*) FROM offer"
            + " WHERE organization_id = ? AND stage = 'PUBLISH_FAILED'" + offerOwner + ") AS failed",
        "SELECT count(*) FILTER (WHERE status = 'PENDING_REGISTRATION') AS registration, count(*) FILTER (WHERE"
            + " status = 'REGISTERED') AS provisioning FROM customer_order WHERE organization_id = ? AND status IN"
            + " ('PENDING_REGISTRATION', 'REGISTERED')" + orderOwner,
        "SELECT count(*) FROM approval_request WHERE organization_id = ? AND status = 'PENDING'",
        "SELECT count(*) FROM job WHERE organization_id = ? AND status = 'PARKED'",
        "SELECT currency, count(*) AS n, sum(total_contract_value) AS total FROM customer_order"
            + " WHERE organization_id = ? AND customer_order.status NOT IN ('CANCELLED', 'ENDED') AND ends_at >= ?"
            + " AND ends_at < ?" + orderOwner + " GROUP BY currency ORDER BY currency");
  }

  /** The renewals API's page: the table's query with its row of look-ahead. */
  private static final String RENEWALS_SQL = "SELECT * FROM renewal WHERE organization_id = ? AND ends_at >= ?"
      + " AND ends_at <= ? ORDER BY ends_at ASC, id ASC LIMIT 51";

  @Override
  public String id() {
    return "D";
  }

  @Override
  public String title() {
    return "dashboard and renewals API and the console's dashboard vs their SQL through JDBC";
  }

  @Override
  public List<Figure> run(Settings settings, Workbench bench) throws Exception {
    // No demo history: the dashboard counts exactly the loaded rows, on the real clock. pg_stat_statements
    // counts the statements each request runs.
    OfferDesk desk = bench.closeAtEnd(OfferDesk.start(bench, "d", Map.of("OFFERDESK_DEMO_DATA", "none"),
        Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track_utility", "off")));
    OfferData offers = new OfferData();
    Instant now = offers.now();
    try (Connection c = desk.db().connect()) {
      OfferData.Loaded loaded = offers.load(c, desk.demoSeller(), settings.sellers(), settings.offers(),
          bench::progress);
      OrderData.Loaded orders = new OrderData().load(c, now, bench::progress);
      bench.progress(String.format("data: %,d offers, %,d orders (%,d ending within 120 days), %,d renewals in %.0f s",
          loaded.offers(), orders.orders(), orders.endingWithin120Days(), orders.renewals(),
          loaded.seconds() + orders.seconds()));
      try (Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      }
    }
    UUID org = desk.demoSeller();
    LocalDate today = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC);
    LocalDate quarterFrom = today.with(IsoFields.DAY_OF_QUARTER, 1);
    LocalDate quarterTo = quarterFrom.plusMonths(3).minusDays(1);
    LocalDate yearFrom = today.withDayOfYear(1);
    LocalDate yearTo = yearFrom.plusYears(1).minusDays(1);

    URI base = desk.app().base();
    HttpClient http = Console.client();
    HttpClient console = Console.signedIn(base, desk.adminEmail(), desk.password());
    Map<String, URI> api = new LinkedHashMap<>();
    api.put("quarter", base.resolve("/api/v1/dashboard"));
    api.put("quarter, one owner", base.resolve("/api/v1/dashboard?owner=" + Console.enc(OWNER)));
    api.put("year", base.resolve("/api/v1/dashboard?period=year"));
    URI renewals = base.resolve("/api/v1/renewals?within=P120D");
    URI page = base.resolve("/dashboard");

    List<Figure> figures = new ArrayList<>();
    try (Connection stats = desk.db().connect()) {
      figures.addAll(RequestCounts.of("D", "dashboard API request (quarter)", desk, stats,
          () -> Console.get(http, api.get("quarter"), desk.token())));
      figures.addAll(RequestCounts.of("D", "renewals API request", desk, stats,
          () -> Console.get(http, renewals, desk.token())));
      figures.addAll(RequestCounts.of("D", "console /dashboard request", desk, stats,
          () -> Console.get(console, page, null)));
    }

    Alternating runs = new Alternating();
    Map<String, Object[]> sqlParams = new LinkedHashMap<>();
    sqlParams.put("quarter", period(org, quarterFrom, quarterTo, today, null));
    sqlParams.put("quarter, one owner", period(org, quarterFrom, quarterTo, today, OWNER));
    sqlParams.put("year", period(org, yearFrom, yearTo, today, null));
    for (var e : api.entrySet()) {
      URI uri = e.getValue();
      runs.add("API " + e.getKey(), new Load(CLIENTS,
          (client, i) -> Console.get(http, uri, desk.token()).startsWith("{\"period\"")));
      runs.add("SQL " + e.getKey(), new Load(CLIENTS, dashboardClients(desk, e.getKey().contains("owner"),
          sqlParams.get(e.getKey()))));
    }
    runs.add("API renewals", new Load(CLIENTS,
        (client, i) -> Console.get(http, renewals, desk.token()).startsWith("{\"items\"")));
    runs.add("SQL renewals", new Load(CLIENTS, renewalClients(desk, org, Timestamp.from(now.minus(Duration.ofDays(120))),
        Timestamp.from(now.plus(Duration.ofDays(120))))));
    runs.add("page", new Load(CLIENTS, (client, i) -> Console.get(console, page, null).contains("</html>")));
    bench.progress("D at " + CLIENTS + " clients");
    runs.run(settings, bench);

    for (String what : api.keySet()) {
      figures.add(p99("GET /api/v1/dashboard (" + what + ")", runs, "API " + what, "SQL " + what));
      figures.add(rate("GET /api/v1/dashboard (" + what + ")", runs, "API " + what, "SQL " + what));
    }
    figures.add(p99("GET /api/v1/renewals?within=P120D", runs, "API renewals", "SQL renewals"));
    figures.add(rate("GET /api/v1/renewals?within=P120D", runs, "API renewals", "SQL renewals"));
    figures.add(p99("console /dashboard (baseline: the dashboard's SQL, quarter)", runs, "page", "SQL quarter"));
    figures.add(rate("console /dashboard", runs, "page", null));
    bench.closeNow(desk);
    return figures;
  }

  private static Figure p99(String what, Alternating runs, String load, String baseline) {
    Figure.Stats p99 = runs.stats(load, Alternating::p99);
    return new Figure("D", what + " p99 at " + CLIENTS + " clients", "ms", p99,
        baseline == null ? null : runs.stats(baseline, Alternating::p99), "≤ 50 ms",
        p99.median() <= 50 && runs.errors(load) == 0);
  }

  private static Figure rate(String what, Alternating runs, String load, String baseline) {
    return new Figure("D", what + " req/s at " + CLIENTS + " clients", "req/s", runs.stats(load, Alternating::rate),
        baseline == null ? null : runs.stats(baseline, Alternating::rate), null, null);
  }


  /** The parameters of the dashboard's statements, in their order, for one period and owner (or none). */
  private static Object[] period(UUID org, LocalDate from, LocalDate to, LocalDate today, String owner) {
    Timestamp start = Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());
    Timestamp until = Timestamp.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    Timestamp todayStart = Timestamp.from(today.atStartOfDay(ZoneOffset.UTC).toInstant());
    Timestamp renewalUntil = Timestamp.from(today.plusDays(121).atStartOfDay(ZoneOffset.UTC).toInstant());
    return new Object[] {
        owner == null ? new Object[] {org, from, to, org, from, to} : new Object[] {org, start, until, owner},
        new Object[] {org, start, until, owner},
        new Object[] {org, today, today.plusDays(7), owner, org, owner},
        new Object[] {org, owner},
        new Object[] {org},
        new Object[] {org},
        new Object[] {org, todayStart, renewalUntil, owner}};
  }

  /**
   * The baseline of a dashboard request: each client its own connection, the endpoint's statements in one
   * read-only transaction, every column of every row read.
   */
  private static Load.Call dashboardClients(OfferDesk desk, boolean owner, Object[] params) throws Exception {
    List<String> sql = dashboardSql(owner);
    Connection[] connections = new Connection[CLIENTS];
    PreparedStatement[][] statements = new PreparedStatement[CLIENTS][sql.size()];
    for (int c = 0; c < CLIENTS; c++) {
      connections[c] = desk.db().connect();
      connections[c].setAutoCommit(false);
      connections[c].setReadOnly(true);
      for (int q = 0; q < sql.size(); q++) {
        statements[c][q] = connections[c].prepareStatement(sql.get(q));
        Object[] values = (Object[]) params[q];
        int index = 1;
        for (Object value : values) {
          if (value != null) {
            statements[c][q].setObject(index++, value instanceof LocalDate d ? java.sql.Date.valueOf(d) : value);
          }
        }
      }
    }
    return (client, i) -> {
      for (PreparedStatement s : statements[client]) {
        readAll(s);
      }
      connections[client].commit();
      return true;
    };
  }

  private static Load.Call renewalClients(OfferDesk desk, UUID org, Timestamp from, Timestamp until) throws Exception {
    PreparedStatement[] statements = new PreparedStatement[CLIENTS];
    for (int c = 0; c < CLIENTS; c++) {
      statements[c] = desk.db().connect().prepareStatement(RENEWALS_SQL);
      statements[c].setObject(1, org);
      statements[c].setTimestamp(2, from);
      statements[c].setTimestamp(3, until);
    }
    return (client, i) -> readAll(statements[client]) >= 0;
  }

  private static int readAll(PreparedStatement s) throws Exception {
    int rows = 0;
    try (ResultSet rs = s.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int col = 1; col <= columns; col++) {
          rs.getString(col);
        }
        rows++;
      }
    }
    return rows;
  }
}
