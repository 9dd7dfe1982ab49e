package org.offerdesk.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.offerdesk.bench.scenarios.OffersListScenario;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.EmbeddedPostgresServer;

/**
 * P3's requests one kind at a time, on a database that is kept between runs (loaded once: a million offers take
 * minutes to load), so that a change to the offers list can be measured at full size in a few minutes: for each
 * kind of the mix (first page, {@code stage=SENT}, {@code q=northwind}, {@code sort=name}, a cursor page) the p50,
 * p99 and rate at N clients, the app's and PostgreSQL's CPU per request, and the same for the page's SQL through
 * JDBC; then the mix itself, with each kind's p99 inside it. {@code --explain} prints each kind's plan. With
 * {@code --orders} D's orders and renewals ({@link OrderData}) are loaded once too, for {@link P3Pair}'s
 * {@code --page /dashboard}.
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.offerdesk.bench.P3Lab \
 *     --db /work/p3lab/pg [--root .] [--sellers 1000] [--offers 1000000] [--clients 10] [--seconds 15] \
 *     [--explain] [--only KINDS] [--sql] [--orders]
 * </pre>
 */
public final class P3Lab {

  private P3Lab() {}

  private static final String[] NAMES = {"first page", "stage=SENT", "q=northwind", "sort=name", "cursor page"};

  /** D's orders and renewals ({@link OrderData}) on the kept offers, once: for the dashboard ({@code --orders}). */
  private static void loadOrders(Connection c, OfferData offerData, Workbench bench) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM customer_order")) {
      rs.next();
      if (rs.getLong(1) > 0) {
        bench.progress(String.format("data: %,d orders already there", rs.getLong(1)));
        return;
      }
    }
    OrderData.Loaded loaded = new OrderData().load(c, offerData.now(), bench::progress);
    bench.progress(String.format("data: %,d orders, %,d renewals loaded in %.0f s", loaded.orders(),
        loaded.renewals(), loaded.seconds()));
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(".");
    Path dbFolder = null;
    int sellers = 1000;
    int offers = 1_000_000;
    int clients = 10;
    int seconds = 15;
    boolean explain = false;
    boolean sql = false;
    boolean console = false;
    boolean kinds = true;
    boolean orders = false;
    int rounds = 2;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]);
        case "--db" -> dbFolder = Path.of(args[++i]);
        case "--sellers" -> sellers = Integer.parseInt(args[++i]);
        case "--offers" -> offers = Integer.parseInt(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--explain" -> explain = true;
        case "--sql" -> sql = true;
        case "--console" -> console = true;
        case "--mix-only" -> kinds = false;
        case "--orders" -> orders = true;
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    if (dbFolder == null) {
      throw new IllegalArgumentException("--db FOLDER is required: the kept database (loaded the first time)");
    }
    try (Workbench bench = new Workbench(root)) {
      Map<String, String> settings = new java.util.HashMap<>(BenchDatabase.serverSettings());
      settings.put("max_connections", "300");
      EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dbFolder, false, true, settings);
      DatabaseUrl url = pg.url("postgres");
      String token = "p3lab-token-0123456789";
      String password = "p3lab-password-0123456789";
      AppProcess app = AppProcess.start(bench.runCommand(), bench.folder("p3lab-data"), Map.of(
          "OFFERDESK_DEMO_DATA", "none",
          "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?user=postgres&password=postgres",
          "OFFERDESK_BOOTSTRAP_TOKEN", token,
          "OFFERDESK_ADMIN_PASSWORD", password,
          "OFFERDESK_METRICS_TOKEN", "p3lab-metrics-0123456789",
          "LOGGING_LEVEL_ROOT", "WARN"), List.of());
      bench.progress(String.format("OfferDesk up in %.1f s at %s (pid %d); database port %d", app.secondsToReady(),
          app.base(), app.pid(), pg.port()));
      UUID demo;
      try (Connection c = connect(url)) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT (SELECT id FROM organization WHERE name = 'Demo ISV'), (SELECT count(*) FROM offer)")) {
          rs.next();
          demo = rs.getObject(1, UUID.class);
          long have = rs.getLong(2);
          OfferData offerData = new OfferData();
          if (have < offers) {
            OfferData.Loaded loaded = offerData.load(c, demo, sellers, offers, bench::progress);
            bench.progress(String.format("data: %,d offers loaded in %.0f s", loaded.offers(), loaded.seconds()));
          } else {
            bench.progress(String.format("data: %,d offers already there", have));
          }
          if (orders) {
            loadOrders(c, offerData, bench);
          }
        }
      }
      URI api = app.base().resolve("/api/v1/offers");
      HttpClient http = Console.client();
      String cursor = OffersListScenario.nextCursor(Console.get(http, api, token));
      String[] queries = {"", "?stage=SENT", "?q=northwind", "?sort=name", "?cursor=" + Console.enc(cursor)};
      for (int k = 0; k < queries.length; k++) {
        bench.progress(String.format("%-12s %,d bytes", NAMES[k], Console.get(http, URI.create(api + queries[k]), token)
            .length()));
      }
      if (explain) {
        explain(url, demo, bench);
      }
      Load.Call[] calls = new Load.Call[queries.length];
      for (int k = 0; k < queries.length; k++) {
        URI uri = URI.create(api + queries[k]);
        calls[k] = (client, i) -> Console.get(http, uri, token).startsWith("{\"items\"");
      }
      Load.Call mix = (client, i) -> calls[(int) ((client + i) % calls.length)].call(client, i);
      HttpClient signedIn = console ? Console.signedIn(app.base(), "admin@demo.offerdesk.local", password) : null;
      Load.Call pageMix = (client, i) -> Console.get(signedIn, URI.create(app.base().resolve("/offers")
          + queries[(int) ((client + i) % queries.length)]), null).contains("</html>");
      bench.progress("warm-up: the mix, " + clients + " clients, " + (seconds * 2) + " s");
      measure(bench, app, pg, clients, seconds * 2, mix, "warm-up mix", null);
      if (console) {
        measure(bench, app, pg, clients, seconds * 2, pageMix, "warm-up console mix", null);
      }
      for (int round = 1; round <= rounds; round++) {
        Histogram[] perKind = new Histogram[calls.length];
        for (int k = 0; k < calls.length; k++) {
          perKind[k] = new Histogram(3_600_000_000_000L, 3);
        }
        measure(bench, app, pg, clients, seconds, mix, "round " + round + " API mix", perKind);
        for (int k = 0; k < calls.length; k++) {
          bench.progress(String.format("    in the mix: %-12s p50 %6.2f ms  p99 %6.2f ms  max %6.1f ms  (%d)", NAMES[k],
              perKind[k].getValueAtPercentile(50) / 1e6, perKind[k].getValueAtPercentile(99) / 1e6,
              perKind[k].getMaxValue() / 1e6, perKind[k].getTotalCount()));
        }
        if (console) {
          measure(bench, app, pg, clients, seconds, pageMix, "round " + round + " console mix", null);
        }
        for (int k = 0; kinds && k < calls.length; k++) {
          measure(bench, app, pg, clients, seconds / 2, calls[k], "round " + round + " API " + NAMES[k], null);
        }
        if (sql) {
          Load.Call[] sqlCalls = sqlCalls(url, demo, clients);
          Histogram[] sqlKind = new Histogram[calls.length];
          for (int k = 0; k < calls.length; k++) {
            sqlKind[k] = new Histogram(3_600_000_000_000L, 3);
          }
          measure(bench, app, pg, clients, seconds,
              (client, i) -> sqlCalls[(int) ((client + i) % sqlCalls.length)].call(client, i),
              "round " + round + " SQL mix", sqlKind);
          for (int k = 0; k < calls.length; k++) {
            bench.progress(String.format("    in the SQL mix: %-12s p50 %6.2f ms  p99 %6.2f ms  max %6.1f ms",
                NAMES[k], sqlKind[k].getValueAtPercentile(50) / 1e6, sqlKind[k].getValueAtPercentile(99) / 1e6,
                sqlKind[k].getMaxValue() / 1e6));
          }
        }
      }
      app.close();
      pg.close();
    }
    System.exit(0);
  }

  private static Connection connect(DatabaseUrl url) throws Exception {
    return DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
  }

  /** The bench's baseline statements, one connection per client, each kind's call. */
  private static Load.Call[] sqlCalls(DatabaseUrl url, UUID demo, int clients) throws Exception {
    String[] sqls = sqls();
    Object[] after = after(url, demo);
    PreparedStatement[][] statements = new PreparedStatement[clients][sqls.length];
    for (int c = 0; c < clients; c++) {
      Connection connection = connect(url);
      for (int q = 0; q < sqls.length; q++) {
        statements[c][q] = connection.prepareStatement(sqls[q]);
        statements[c][q].setObject(1, demo);
      }
      statements[c][4].setObject(2, after[0]);
      statements[c][4].setObject(3, after[1]);
    }
    Load.Call[] calls = new Load.Call[sqls.length];
    for (int q = 0; q < sqls.length; q++) {
      int kind = q;
      calls[q] = (client, i) -> {
        try (ResultSet rs = statements[client][kind].executeQuery()) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int col = 1; col <= columns; col++) {
              rs.getString(col);
            }
          }
        }
        return true;
      };
    }
    return calls;
  }

  private static String[] sqls() {
    String sql = "SELECT * FROM offer WHERE organization_id = ? ";
    String newest = " ORDER BY created_at DESC, id DESC LIMIT 51";
    return new String[] {sql + newest, sql + "AND stage = 'SENT'" + newest,
        sql + "AND (lower(name) LIKE '%northwind%' OR marketplace_offer_id = 'northwind')" + newest,
        sql + "ORDER BY lower(name) ASC, id ASC LIMIT 51", sql + "AND (created_at, id) < (?, ?)" + newest};
  }

  private static Object[] after(DatabaseUrl url, UUID demo) throws Exception {
    try (Connection c = connect(url); PreparedStatement s = c.prepareStatement("SELECT created_at, id FROM offer"
        + " WHERE organization_id = ? ORDER BY created_at DESC, id DESC OFFSET 49 LIMIT 1")) {
      s.setObject(1, demo);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return new Object[] {rs.getTimestamp(1), rs.getObject(2, UUID.class)};
      }
    }
  }

  /** Each kind's plan, with the page's timelines' read, as a generic plan of a prepared statement would run. */
  private static void explain(DatabaseUrl url, UUID demo, Workbench bench) throws Exception {
    String[] sqls = sqls();
    Object[] after = after(url, demo);
    try (Connection c = connect(url)) {
      for (int q = 0; q < sqls.length; q++) {
        for (int repeat = 0; repeat < 3; repeat++) {
          try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sqls[q])) {
            s.setObject(1, demo);
            if (q == 4) {
              s.setObject(2, after[0]);
              s.setObject(3, after[1]);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                plan.append("\n    ").append(rs.getString(1));
              }
            }
            if (repeat == 2) {
              bench.progress("plan of " + NAMES[q] + ":" + plan);
            }
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM offer_event"
          + " WHERE organization_id = ? AND offer_id = ANY (ARRAY(SELECT id FROM offer WHERE organization_id = ?"
          + " ORDER BY created_at DESC, id DESC LIMIT 50)) ORDER BY offer_id, occurred_at, seq")) {
        s.setObject(1, demo);
        s.setObject(2, demo);
        for (int repeat = 0; repeat < 3; repeat++) {
          StringBuilder plan = new StringBuilder();
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              plan.append("\n    ").append(rs.getString(1));
            }
          }
          if (repeat == 2) {
            bench.progress("plan of the first page's timelines:" + plan);
          }
        }
      }
    }
  }

  /** Runs {@code call} at {@code clients} for {@code seconds}; prints latencies and CPU per request. */
  private static void measure(Workbench bench, AppProcess app, EmbeddedPostgresServer pg, int clients, int seconds,
      Load.Call call, String name, Histogram[] perKind) throws Exception {
    Histogram all = new Histogram(3_600_000_000_000L, 3);
    long pid = app.pid();
    double app0 = ProcessCpu.seconds(pid, false);
    double threads0 = ProcessCpu.threadSeconds(pid, "http-nio");
    double jit0 = ProcessCpu.threadSeconds(pid, "C2 Compiler") + ProcessCpu.threadSeconds(pid, "C1 Compiler");
    double gc0 = ProcessCpu.threadSeconds(pid, "VM Thread");
    double db0 = BenchDatabase.cpuSeconds(pg);
    double self0 = ProcessCpu.seconds(ProcessHandle.current().pid(), false);
    long t0 = System.nanoTime();
    long errors = LabClients.run(clients, seconds, call, (client, n, took) -> {
      synchronized (all) {
        all.recordValue(took);
        if (perKind != null) {
          perKind[(int) ((client + n) % perKind.length)].recordValue(took);
        }
      }
    });
    double secs = (System.nanoTime() - t0) / 1e9;
    long n = all.getTotalCount();
    double appCpu = ProcessCpu.seconds(pid, false) - app0;
    double threadsCpu = ProcessCpu.threadSeconds(pid, "http-nio") - threads0;
    double jit = ProcessCpu.threadSeconds(pid, "C2 Compiler") + ProcessCpu.threadSeconds(pid, "C1 Compiler") - jit0;
    double gc = ProcessCpu.threadSeconds(pid, "VM Thread") - gc0;
    double db = BenchDatabase.cpuSeconds(pg) - db0;
    double self = ProcessCpu.seconds(ProcessHandle.current().pid(), false) - self0;
    bench.progress(String.format("%-26s %6.0f req/s  p50 %6.2f  p99 %6.2f  max %6.1f ms | CPU ms/req: app %5.2f"
            + " (req threads %5.2f, JIT %4.2f, GC %4.2f) PG %5.2f client %5.2f | errors %d | load %s", name, n / secs,
        all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6, all.getMaxValue() / 1e6,
        appCpu * 1000 / n, threadsCpu * 1000 / n, jit * 1000 / n, gc * 1000 / n, db * 1000 / n, self * 1000 / n,
        errors, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
  }
}
