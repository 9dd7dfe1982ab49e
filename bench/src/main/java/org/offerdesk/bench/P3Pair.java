package org.offerdesk.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.offerdesk.bench.scenarios.OffersListScenario;
import org.offerdesk.postgres.EmbeddedPostgresServer;

/**
 * Two OfferDesks on one kept P3 database (see {@link P3Lab}, which loads it), A as {@code ./run} starts it and B
 * with some environment added (a setting to compare), or each from its own checkout ({@code --a-root DIR}: a
 * folder with its own {@code ./run} and built jar, say the commit before a change), measured in turn on the same load, A B B A, so that a noisy
 * neighbour weighs on both: P3's API mix (and with {@code --console} the console's {@code /offers} mix, or with
 * {@code --page PATH} another console page, or an API request alone when PATH starts with {@code /api/}) at each
 * number of clients; per stretch req/s, p50, p99 uncorrected and
 * corrected for coordinated omission (expected interval: the same target's warm-up mean, as {@link Load} does),
 * and CPU per request of the app's request threads and JVM, and of PostgreSQL. With {@code --slow MS} each measured
 * call that took at least that long is added to {@code p3pair-slow-A.txt} (or B) in the temporary folder ({@code /tmp}), with the
 * epoch millisecond it ended, to set beside a GC log ({@code --a JAVA_OPTS=-Xlog:gc:file=…:time}). {@code --hold SECONDS} keeps both running
 * that long after the loads (to look at them idle, or at {@code pg_stat_statements}, which the server loads).
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.offerdesk.bench.P3Pair \
 *     --db /work/p3lab/pg --b OFFERDESK_WEB_READSINFLIGHT=4 [--a OFFERDESK_WEB_READSINFLIGHT=0] \
 *     [--clients 10,50] [--seconds 16] [--rounds 2] [--warm 4] [--console | --page /dashboard] \
 *     [--a-root DIR] [--b-root DIR] [--slow MS] [--hold SECONDS]
 * </pre>
 */
public final class P3Pair {

  private P3Pair() {}

  private record Target(String name, AppProcess app, Load.Call call, long[] expected) {}

  public static void main(String[] args) throws Exception {
    Path dbFolder = null;
    Map<String, String> envA = new HashMap<>();
    Map<String, String> envB = new HashMap<>();
    List<Integer> clientCounts = new ArrayList<>(List.of(10));
    int seconds = 16;
    int rounds = 2;
    int warm = 4;
    String page = null;
    long slowMs = 0;
    int hold = 0;
    Map<String, Path> roots = new HashMap<>(Map.of("A", Path.of("."), "B", Path.of(".")));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--db" -> dbFolder = Path.of(args[++i]);
        case "--a" -> put(envA, args[++i]);
        case "--b" -> put(envB, args[++i]);
        case "--clients" -> {
          clientCounts.clear();
          for (String c : args[++i].split(",")) {
            clientCounts.add(Integer.parseInt(c));
          }
        }
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warm" -> warm = Integer.parseInt(args[++i]);
        case "--console" -> page = "/offers";
        case "--page" -> page = args[++i];
        case "--a-root" -> roots.put("A", Path.of(args[++i]));
        case "--b-root" -> roots.put("B", Path.of(args[++i]));
        case "--slow" -> slowMs = Long.parseLong(args[++i]);
        case "--hold" -> hold = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    if (dbFolder == null) {
      throw new IllegalArgumentException("--db FOLDER is required: P3Lab's kept database");
    }
    try (Workbench bench = new Workbench(Path.of("."))) {
      Map<String, String> settings = new HashMap<>(BenchDatabase.serverSettings());
      settings.put("max_connections", "300");
      // Statements counted per query (CREATE EXTENSION pg_stat_statements to read them): what the apps run.
      settings.put("shared_preload_libraries", "pg_stat_statements");
      settings.put("pg_stat_statements.track_utility", "off");
      EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dbFolder, false, true, settings);
      String token = "p3lab-token-0123456789";
      String password = "p3lab-password-0123456789";
      List<Target> targets = new ArrayList<>();
      for (String name : List.of("A", "B")) {
        Map<String, String> env = new HashMap<>(Map.of(
            "OFFERDESK_DEMO_DATA", "none",
            "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres?user=postgres&password=postgres",
            "OFFERDESK_BOOTSTRAP_TOKEN", token,
            "OFFERDESK_ADMIN_PASSWORD", password,
            "OFFERDESK_METRICS_TOKEN", "p3lab-metrics-0123456789",
            "LOGGING_LEVEL_ROOT", "WARN"));
        env.putAll(name.equals("A") ? envA : envB);
        AppProcess app = AppProcess.start(roots.get(name).resolve("run"), bench.folder("p3pair-" + name), env,
            List.of());
        bench.progress(String.format("%s: OfferDesk up in %.1f s at %s (pid %d), %s, %s", name, app.secondsToReady(),
            app.base(), app.pid(), roots.get(name).toAbsolutePath().normalize(), name.equals("A") ? envA : envB));
        targets.add(new Target(name, app, call(app, token, password, page), new long[1]));
      }
      for (int clients : clientCounts) {
        for (int w = 0; w < warm; w++) {
          for (Target t : targets) {
            t.expected()[0] = (long) measure(bench, t, pg, clients, seconds, "warm-up " + (w + 1), 0, 0);
          }
        }
        for (int round = 1; round <= rounds; round++) {
          List<Target> order = round % 2 == 1 ? targets : List.of(targets.get(1), targets.get(0));
          for (Target t : order) {
            measure(bench, t, pg, clients, seconds, "round " + round, t.expected()[0], slowMs);
          }
        }
      }
      if (hold > 0) {
        bench.progress(String.format("holding both for %d s: PostgreSQL on port %d", hold, pg.port()));
        Thread.sleep(hold * 1000L);
      }
      for (Target t : targets) {
        t.app().close();
      }
      pg.close();
    }
    System.exit(0);
  }

  private static void put(Map<String, String> env, String pair) {
    int eq = pair.indexOf('=');
    env.put(pair.substring(0, eq), pair.substring(eq + 1));
  }

  /** P3's API mix, or the console page's mix over the same queries (or the page alone when it is not /offers). */
  private static Load.Call call(AppProcess app, String token, String password, String page) throws Exception {
    HttpClient http = Console.client();
    URI api = app.base().resolve("/api/v1/offers");
    String cursor = OffersListScenario.nextCursor(Console.get(http, api, token));
    String[] queries = {"", "?stage=SENT", "?q=northwind", "?sort=name", "?cursor=" + Console.enc(cursor)};
    if (page == null) {
      URI[] uris = new URI[queries.length];
      for (int k = 0; k < queries.length; k++) {
        uris[k] = URI.create(api + queries[k]);
      }
      return (client, i) -> Console.get(http, uris[(int) ((client + i) % uris.length)], token).startsWith("{\"items\"");
    }
    if (page.startsWith("/api/")) { // an API request alone, with the token: --page '/api/v1/dashboard?period=year'
      URI uri = app.base().resolve(page);
      return (client, i) -> Console.get(http, uri, token).startsWith("{");
    }
    HttpClient signedIn = Console.signedIn(app.base(), "admin@demo.offerdesk.local", password);
    URI[] uris = new URI[page.equals("/offers") ? queries.length : 1];
    for (int k = 0; k < uris.length; k++) {
      uris[k] = URI.create(app.base().resolve(page) + queries[k]);
    }
    return (client, i) -> Console.get(signedIn, uris[(int) ((client + i) % uris.length)], null).contains("</html>");
  }

  /** Runs the target's call at {@code clients} for {@code seconds}, prints the stretch's figures; its mean, ns. */
  private static double measure(Workbench bench, Target target, EmbeddedPostgresServer pg, int clients, int seconds,
      String name, long expected, long slowMs) throws Exception {
    List<String> slow = new ArrayList<>();
    Histogram raw = new Histogram(3_600_000_000_000L, 3);
    Histogram corrected = new Histogram(3_600_000_000_000L, 3);
    long pid = target.app().pid();
    double app0 = ProcessCpu.seconds(pid, false);
    double threads0 = ProcessCpu.threadSeconds(pid, "http-nio");
    double db0 = BenchDatabase.cpuSeconds(pg);
    long t0 = System.nanoTime();
    long errors = LabClients.run(clients, seconds, target.call(), (client, n, took) -> {
      synchronized (raw) {
        raw.recordValue(took);
        if (expected > 0) {
          corrected.recordValueWithExpectedInterval(took, expected);
        }
        if (slowMs > 0 && took >= slowMs * 1_000_000L) {
          slow.add(String.format("%s %s %s %d %.1f", target.name(), clients, name.replace(' ', '-'),
              System.currentTimeMillis(), took / 1e6));
        }
      }
    });
    double secs = (System.nanoTime() - t0) / 1e9;
    if (!slow.isEmpty()) {
      // Each call that took at least --slow ms: target, clients, stretch, the epoch millisecond it ended, its ms.
      Files.write(Path.of(System.getProperty("java.io.tmpdir"), "p3pair-slow-" + target.name() + ".txt"), slow,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
    long n = raw.getTotalCount();
    double appCpu = ProcessCpu.seconds(pid, false) - app0;
    double threadsCpu = ProcessCpu.threadSeconds(pid, "http-nio") - threads0;
    double db = BenchDatabase.cpuSeconds(pg) - db0;
    bench.progress(String.format("%s %3d clients %-10s %5.0f req/s  p50 %6.2f  p99 %6.2f  corrected p99 %6.2f  max %6.1f"
            + " ms | CPU ms/req: app %5.2f (req threads %5.2f) PG %5.2f | errors %d | load %s", target.name(), clients,
        name, n / secs, raw.getValueAtPercentile(50) / 1e6, raw.getValueAtPercentile(99) / 1e6,
        expected > 0 ? corrected.getValueAtPercentile(99) / 1e6 : Double.NaN, raw.getMaxValue() / 1e6,
        appCpu * 1000 / n, threadsCpu * 1000 / n, db * 1000 / n, errors,
        Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
    return raw.getMean();
  }
}
