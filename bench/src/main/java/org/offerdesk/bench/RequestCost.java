package org.offerdesk.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.offerdesk.bench.scenarios.OffersListScenario;
import org.offerdesk.bench.scenarios.ReconciliationScenario;

/**
 * What one request of P3's and D's mixes costs the app in CPU: OfferDesk's JVM's CPU seconds (and its
 * PostgreSQL's) over a fixed number of requests, divided by them. A count, not a time: it is about the same
 * on a quiet machine and a loaded one, so a change to the request path can be judged on a shared machine.
 * With {@code --jfr DIR} each measured stretch is also recorded by JFR ({@code settings=profile}).
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.offerdesk.bench.RequestCost \
 *     [--root .] [--sellers 100] [--offers 100000] [--requests 2000] [--clients 4] [--rounds 2] [--jfr DIR] \\
 *     [--hold SECONDS] [--feed ROWS] [--only WORDS]
 * </pre>
 *
 * <p>With {@code --feed ROWS} a month of P4's feed ({@link FeedData}, about ROWS billing rows) is written into the
 * demo seller's bucket and synced once, and the finance pages are measured too (console {@code /finance}, the
 * largest payout's page with its first 200 lines, and the API for the same lines). {@code --only WORDS} keeps the
 * requests whose name contains one of the comma-separated words ({@code --only API}: the API's alone; P1's requests
 * are {@code "P1 look"}, {@code "P1 create"} and {@code "P1 publish"}, a create followed by its publish). Each
 * request's pool checkouts and SQL statements (pg_stat_statements) are counted too, as D counts them.
 *
 * With {@code --hold} OfferDesk and its database stay up that long after the figures (to EXPLAIN its queries).
 * 100 sellers with 100,000 offers give the demo seller about 1,000 offers and 345 orders, as the full run does.
 */
public final class RequestCost {

  private RequestCost() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(".");
    int sellers = 100;
    int offers = 100_000;
    int requests = 2_000;
    int clients = 4;
    int rounds = 2;
    Path jfr = null;
    int holdSeconds = 0;
    long feedRows = 0;
    List<String> only = List.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]);
        case "--sellers" -> sellers = Integer.parseInt(args[++i]);
        case "--offers" -> offers = Integer.parseInt(args[++i]);
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--jfr" -> jfr = Path.of(args[++i]).toAbsolutePath();
        case "--hold" -> holdSeconds = Integer.parseInt(args[++i]);
        case "--feed" -> feedRows = Long.parseLong(args[++i]);
        case "--only" -> only = List.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    try (Workbench bench = new Workbench(root)) {
      // No scheduled sync during the measurement (a feed month is synced once, below).
      OfferDesk desk = bench.closeAtEnd(OfferDesk.start(bench, "cost",
          Map.of("OFFERDESK_FINANCE_SYNCINTERVAL", "P1D"),
          Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track_utility", "off")));
      OfferData data = new OfferData();
      try (Connection c = desk.db().connect()) {
        try (java.sql.Statement s = c.createStatement()) {
          s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        data.load(c, desk.demoSeller(), sellers, offers, bench::progress);
        new OrderData().load(c, data.now(), bench::progress);
      }
      URI base = desk.app().base();
      HttpClient http = Console.client();
      String payoutId = null;
      if (feedRows > 0) {
        FeedData.Month month = ReconciliationScenario.loadMonth(desk, feedRows, bench);
        double seconds = ReconciliationScenario.sync(desk, http, month.rows());
        bench.progress(String.format("feed month synced in %.1f s", seconds));
        try (Connection c = desk.db().connect(); PreparedStatement s = c.prepareStatement("SELECT payout_id FROM"
            + " finance_payout WHERE organization_id = ? ORDER BY line_count DESC, payout_id LIMIT 1")) {
          s.setObject(1, desk.demoSeller());
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            payoutId = rs.getString(1);
          }
        }
      }
      bench.progress("database: " + desk.db().databaseUrl() + ", OfferDesk process " + desk.app().pid());
      HttpClient console = Console.signedIn(base, desk.adminEmail(), desk.password());
      String cursor = OffersListScenario.nextCursor(Console.get(http, base.resolve("/api/v1/offers"), desk.token()));
      String[] mix = {"", "?stage=SENT", "?q=northwind", "?sort=name", "?cursor=" + Console.enc(cursor)};
      Map<String, Load.Call> kinds = new LinkedHashMap<>();
      kinds.put("API /api/v1/offers (P3 mix)", (client, i) -> Console.get(http,
          base.resolve("/api/v1/offers" + mix[(int) ((client + i) % mix.length)]), desk.token()).startsWith("{"));
      kinds.put("console /offers (P3 mix)", (client, i) -> Console.get(console,
          base.resolve("/offers" + mix[(int) ((client + i) % mix.length)]), null).contains("</html>"));
      kinds.put("API /api/v1/dashboard (quarter)", (client, i) -> Console.get(http,
          base.resolve("/api/v1/dashboard"), desk.token()).startsWith("{"));
      kinds.put("API /api/v1/dashboard?period=year", (client, i) -> Console.get(http,
          base.resolve("/api/v1/dashboard?period=year"), desk.token()).startsWith("{"));
      kinds.put("API /api/v1/renewals?within=P120D", (client, i) -> Console.get(http,
          base.resolve("/api/v1/renewals?within=P120D"), desk.token()).startsWith("{"));
      kinds.put("console /dashboard", (client, i) -> Console.get(console, base.resolve("/dashboard"), null)
          .contains("</html>"));
      if (payoutId != null) {
        URI payoutPage = base.resolve("/finance/payouts/" + Console.enc(payoutId));
        URI payoutApi = base.resolve("/api/v1/finance/payouts/" + Console.enc(payoutId));
        kinds.put("console /finance (P4)", (client, i) -> Console.get(console, base.resolve("/finance"), null)
            .contains("</html>"));
        kinds.put("console payout page (P4, 200 lines)", (client, i) -> Console.get(console, payoutPage, null)
            .contains("</html>"));
        kinds.put("API payout (P4, 200 lines)", (client, i) -> Console.get(http, payoutApi, desk.token())
            .startsWith("{"));
      }
      // P1's requests: what each of the 50 publishers sends (a create, a publish, a look every 100 ms).
      String offerId = com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
          .readTree(Console.get(http, base.resolve("/api/v1/offers"), desk.token())).at("/items/0/id").asText();
      kinds.put("API GET /api/v1/offers/{id} (P1 look)", (client, i) -> Console.get(http,
          base.resolve("/api/v1/offers/" + offerId), desk.token()).startsWith("{"));
      if (only.stream().anyMatch(w -> w.contains("P1 create") || w.contains("P1 publish"))) {
        var json = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
        var listing = org.offerdesk.bench.scenarios.PublishScenario.syncedListing(http, base, desk.token(), bench);
        String offer = json.writeValueAsString(Map.of("type", "DIRECT", "productId",
            listing.at("/productId").asText(), "name", "Cost offer", "buyerAccountIds", List.of("777788889999"),
            "currency", "USD", "durationMonths", 12, "expiresOn",
            java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30).toString(), "dimensions",
            List.of(Map.of("key", listing.at("/dimensions/0/key").asText(), "quantity", 10, "unitPrice", "100.00"))));
        kinds.put("API POST /api/v1/offers (P1 create)", (client, i) -> Console.post(http,
            base.resolve("/api/v1/offers"), desk.token(), offer).startsWith("{"));
        // Each publish leaves a change set for the sandbox and jobs that go on after the measured stretch: measure
        // it alone, with few requests ({@code --only "P1 publish"}).
        kinds.put("API POST create + POST publish (P1 publish)", (client, i) -> {
          String id = json.readTree(Console.post(http, base.resolve("/api/v1/offers"), desk.token(), offer))
              .at("/id").asText();
          return Console.post(http, base.resolve("/api/v1/offers/" + id + "/publish"), desk.token(), "{}")
              .startsWith("{");
        });
      }
      List<String> chosen = only;
      if (!chosen.isEmpty()) {
        kinds.keySet().removeIf(k -> chosen.stream().noneMatch(k::contains));
      }

      List<String> lines = new ArrayList<>();
      try (Connection stats = desk.db().connect()) {
        for (var kind : kinds.entrySet()) {
          for (Figure f : RequestCounts.of("cost", kind.getKey(), desk, stats,
              () -> kind.getValue().call(0, 0) ? "" : "")) {
            String line = String.format("counts %-36s %s %.2f", kind.getKey(),
                f.name().startsWith("pool") ? "pool checkouts" : "SQL statements", f.value().median());
            bench.progress(line);
            lines.add(line);
          }
        }
      }
      long pid = desk.app().pid();
      // OfferDesk's own request threads, not the embedded sandbox's: both are "http-nio-127.0.0.1-<port>-exec-N",
      // which /proc cuts to the same 15 characters, so their CPU is read from the JVM's own thread dump.
      String requestThreads = "http-nio-" + base.getHost() + "-" + base.getPort() + "-exec-";
      double idleStart = ProcessCpu.seconds(pid, false);
      long idleNanos = System.nanoTime();
      Thread.sleep(5_000);
      double idleRate = (ProcessCpu.seconds(pid, false) - idleStart) / ((System.nanoTime() - idleNanos) / 1e9);
      bench.progress(String.format("idle: app %.1f ms CPU a second (taken off below)", idleRate * 1000));
      for (int round = 1; round <= rounds; round++) {
        for (var kind : kinds.entrySet()) {
          run(clients, requests / 2, kind.getValue());
          String file = kind.getKey().replaceAll("[^A-Za-z0-9]+", "-") + "-" + round;
          if (jfr != null) {
            Files.createDirectories(jfr);
            jcmd(pid, "JFR.start", "name=cost", "settings=profile", "filename=" + jfr.resolve(file + ".jfr"));
          }
          double app0 = ProcessCpu.seconds(pid, false);
          double threads0 = javaThreadSeconds(pid, requestThreads);
          double jit0 = ProcessCpu.threadSeconds(pid, "C2 Compiler") + ProcessCpu.threadSeconds(pid, "C1 Compiler");
          double gc0 = ProcessCpu.threadSeconds(pid, "VM Thread");
          double db0 = desk.db().cpuSeconds();
          long t0 = System.nanoTime();
          long errors = run(clients, requests, kind.getValue());
          double seconds = (System.nanoTime() - t0) / 1e9;
          double app = ProcessCpu.seconds(pid, false) - app0 - idleRate * seconds;
          double db = desk.db().cpuSeconds() - db0;
          double threads = javaThreadSeconds(pid, requestThreads) - threads0;
          double jit = ProcessCpu.threadSeconds(pid, "C2 Compiler") + ProcessCpu.threadSeconds(pid, "C1 Compiler")
              - jit0;
          double gc = ProcessCpu.threadSeconds(pid, "VM Thread") - gc0;
          if (jfr != null) {
            jcmd(pid, "JFR.stop", "name=cost");
          }
          String line = String.format("round %d  %-36s app %6.2f ms CPU/request (request threads %5.2f, JIT %5.2f,"
              + " GC %4.2f)  PostgreSQL %5.2f ms  %5.0f req/s  errors %d  (load %s)", round, kind.getKey(),
              app * 1000 / requests, threads * 1000 / requests, jit * 1000 / requests, gc * 1000 / requests,
              db * 1000 / requests, requests / seconds, errors,
              Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
          bench.progress(line);
          lines.add(line);
        }
      }
      System.out.println();
      lines.forEach(System.out::println);
      if (holdSeconds > 0) {
        bench.progress("holding OfferDesk (" + base + ", process " + pid + ", API token " + desk.token()
            + ") and its database for " + holdSeconds + " s: " + desk.db().databaseUrl());
        Thread.sleep(holdSeconds * 1000L);
      }
    }
    System.exit(0);
  }

  /** {@code requests} calls spread over {@code clients} threads; the number that failed. */
  private static long run(int clients, int requests, Load.Call call) throws InterruptedException {
    AtomicLong next = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread t = new Thread(() -> {
        long i;
        while ((i = next.getAndIncrement()) < requests) {
          try {
            if (!call.call(client, i)) {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            if (errors.getAndIncrement() == 0) {
              System.err.println("[bench] first error: " + e);
            }
          }
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    return errors.get();
  }

  private static final java.util.regex.Pattern THREAD = java.util.regex.Pattern.compile(
      "^\"([^\"]+)\".* cpu=([0-9.]+)ms", java.util.regex.Pattern.MULTILINE);

  /** CPU seconds of the JVM's live threads whose Java name starts with {@code prefix} ({@code jcmd Thread.print}). */
  static double javaThreadSeconds(long pid, String prefix) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
    String dump = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    p.waitFor();
    double ms = 0;
    var m = THREAD.matcher(dump);
    while (m.find()) {
      if (m.group(1).startsWith(prefix)) {
        ms += Double.parseDouble(m.group(2));
      }
    }
    return ms / 1000;
  }

  private static void jcmd(long pid, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid)));
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    p.waitFor();
  }
}
