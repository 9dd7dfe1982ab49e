package org.offerdesk.bench.scenarios;

import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.offerdesk.bench.Alternating;
import org.offerdesk.bench.Console;
import org.offerdesk.bench.Figure;
import org.offerdesk.bench.Load;
import org.offerdesk.bench.OfferData;
import org.offerdesk.bench.OfferDesk;
import org.offerdesk.bench.Scenario;
import org.offerdesk.bench.Settings;
import org.offerdesk.bench.Workbench;

/**
 * P3: the offers list, through the API ({@code GET /api/v1/offers}) and the console's {@code /offers} page,
 * with the common filters, sorts, a search and a second page, for the demo seller among all the sellers'
 * offers; the baseline is the same page's list query run directly through JDBC at the same concurrency.
 * Also the app's memory after this load (a P5 figure).
 */
public final class OffersListScenario implements Scenario {

  /** The requests in the mix, as the API's query strings; {@code cursor} is filled in once it is known. */
  private static final String[] QUERIES = {"", "stage=SENT", "q=northwind", "sort=name", "cursor="};

  /** The same requests as the list query the page runs (with its row of look-ahead). */
  private static final String SQL = "SELECT * FROM offer WHERE organization_id = ? ";
  private static final String NEWEST = " ORDER BY created_at DESC, id DESC LIMIT 51";
  private static final String[] SQLS = {
      SQL + NEWEST,
      SQL + "AND stage = 'SENT'" + NEWEST,
      SQL + "AND (lower(name) LIKE '%northwind%' OR marketplace_offer_id = 'northwind')" + NEWEST,
      SQL + "ORDER BY lower(name) ASC, id ASC LIMIT 51",
      SQL + "AND (created_at, id) < (?, ?)" + NEWEST};

  @Override
  public String id() {
    return "P3";
  }

  @Override
  public String title() {
    return "offers list API and console page vs the page's SQL through JDBC";
  }

  @Override
  public List<Figure> run(Settings settings, Workbench bench) throws Exception {
    OfferDesk desk = bench.closeAtEnd(OfferDesk.start(bench, "p3"));
    OfferData.Loaded loaded;
    try (Connection c = desk.db().connect()) {
      loaded = new OfferData().load(c, desk.demoSeller(), settings.sellers(), settings.offers(), bench::progress);
    }
    bench.progress(String.format("data: %,d offers and %,d timeline events for %,d sellers in %.0f s", loaded.offers(),
        loaded.events(), loaded.organizations().size(), loaded.seconds()));
    URI api = desk.app().base().resolve("/api/v1/offers");
    HttpClient http = Console.client();
    String[] apiQueries = QUERIES.clone();
    apiQueries[4] = "cursor=" + Console.enc(nextCursor(Console.get(http, api, desk.token())));
    HttpClient console = Console.signedIn(desk.app().base(), desk.adminEmail(), desk.password());
    Timestamp[] afterAt = new Timestamp[1];
    UUID[] afterId = new UUID[1];
    try (Connection c = desk.db().connect(); PreparedStatement s = c.prepareStatement(
        "SELECT created_at, id FROM offer WHERE organization_id = ? ORDER BY created_at DESC, id DESC OFFSET 49 LIMIT 1")) {
      s.setObject(1, desk.demoSeller());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        afterAt[0] = rs.getTimestamp(1);
        afterId[0] = rs.getObject(2, UUID.class);
      }
    }
    List<Figure> figures = new ArrayList<>();
    figures.add(checkouts(bench, desk, "API", uri -> Console.get(http, uri, desk.token()), api));
    figures.add(checkouts(bench, desk, "console page", uri -> Console.get(console, uri, null),
        desk.app().base().resolve("/offers")));
    for (int clients : new int[] {50, 10}) {
      Load apiLoad = new Load(clients, (client, i) -> {
        String q = apiQueries[(int) ((client + i) % apiQueries.length)];
        return Console.get(http, URI.create(api + (q.isEmpty() ? "" : "?" + q)), desk.token()).startsWith("{\"items\"");
      });
      Load sqlLoad = new Load(clients, sqlClients(desk, clients, afterAt[0], afterId[0]));
      Alternating runs = new Alternating().add("API " + clients, apiLoad).add("SQL " + clients, sqlLoad);
      if (clients == 50) {
        URI page = desk.app().base().resolve("/offers");
        runs.add("page 50", new Load(clients, (client, i) -> {
          String q = apiQueries[(int) ((client + i) % apiQueries.length)];
          return Console.get(console, URI.create(page + (q.isEmpty() ? "" : "?" + q)), null).contains("</html>");
        }));
      }
      bench.progress("P3 at " + clients + " clients");
      runs.run(settings, bench);
      Figure.Stats apiP99 = runs.stats("API " + clients, Alternating::p99);
      Figure.Stats sqlP99 = runs.stats("SQL " + clients, Alternating::p99);
      figures.add(new Figure("P3", "API req/s at " + clients + " clients", "req/s",
          runs.stats("API " + clients, Alternating::rate), runs.stats("SQL " + clients, Alternating::rate), null, null));
      if (clients == 50) {
        figures.add(new Figure("P3", "API p99 at 50 clients", "ms", apiP99, sqlP99, "≤ 2× baseline",
            apiP99.median() <= 2 * sqlP99.median() && runs.errors("API 50") == 0));
        Figure.Stats pageP99 = runs.stats("page 50", Alternating::p99);
        figures.add(new Figure("P3", "console /offers req/s at 50 clients", "req/s",
            runs.stats("page 50", Alternating::rate), null, null, null));
        figures.add(new Figure("P3", "console /offers p99 at 50 clients (baseline: API p99)", "ms", pageP99, apiP99,
            "≤ 3× baseline", pageP99.median() <= 3 * apiP99.median() && runs.errors("page 50") == 0));
      } else {
        figures.add(new Figure("P3", "API p99 at 10 clients", "ms", apiP99, sqlP99, "≤ 25 ms",
            apiP99.median() <= 25 && runs.errors("API 10") == 0));
        figures.addAll(perKind(settings, bench, clients, http, api, apiQueries, desk.token()));
      }
    }
    figures.add(new Figure("P5", "OfferDesk JVM RSS after the P3 load (./run's options)", "MB",
        Figure.Stats.single(desk.app().jvmRssMb()), null, "≤ 600 MB", desk.app().jvmRssMb() <= 600));
    bench.closeNow(desk);
    return figures;
  }

  /** The names of the mix's requests, in {@link #QUERIES}' order. */
  private static final String[] KINDS = {"first page", "stage=SENT", "q=northwind", "sort=name", "cursor page"};

  /**
   * Which request of the mix sets its p99: the same mix once more (already warm) for one measured stretch, each
   * request's latency (uncorrected) in the histogram of its kind; a figure per kind, without a goal.
   */
  private static List<Figure> perKind(Settings settings, Workbench bench, int clients, HttpClient http, URI api,
      String[] queries, String token) throws Exception {
    Histogram[] kinds = new Histogram[queries.length];
    for (int k = 0; k < kinds.length; k++) {
      kinds[k] = new Histogram(3_600_000_000_000L, 3);
    }
    Load load = new Load(clients, (client, i) -> {
      int kind = (int) ((client + i) % queries.length);
      long start = System.nanoTime();
      boolean ok = Console.get(http, URI.create(api + (queries[kind].isEmpty() ? "" : "?" + queries[kind])), token)
          .startsWith("{\"items\"");
      long took = System.nanoTime() - start;
      synchronized (kinds[kind]) {
        kinds[kind].recordValue(took);
      }
      return ok;
    });
    load.measure(settings.measure());
    List<Figure> figures = new ArrayList<>();
    for (int k = 0; k < kinds.length; k++) {
      double p99 = kinds[k].getValueAtPercentile(99) / 1e6;
      bench.progress(String.format("  API at %d clients, %s: p50 %.1f ms, p99 %.1f ms (uncorrected), %d calls", clients,
          KINDS[k], kinds[k].getValueAtPercentile(50) / 1e6, p99, kinds[k].getTotalCount()));
      figures.add(new Figure("P3", "API p99 at " + clients + " clients, " + KINDS[k] + " (in the mix, uncorrected)",
          "ms", Figure.Stats.single(p99), null, null, null));
    }
    return figures;
  }

  /** A request that answers a page. */
  private interface Fetch {
    String get(URI uri) throws Exception;
  }

  /**
   * Connection checkouts from the app's pool per request of the first page: a count, not a time, so it is the
   * same on a quiet machine and a loaded one (each checkout is a round trip to PostgreSQL, and a wait in line
   * for one of the pool's connections under load). The app's background work (job polls, the event queue
   * reader, the demo's seeding) checks connections out too, in bursts: its rate is counted with no requests
   * in a window before the requests and one after (each at least 3 s), the lower of the two (a burst only
   * adds) is taken off for the requests' time, and the count before that is shown in the progress line.
   */
  private static Figure checkouts(Workbench bench, OfferDesk desk, String what, Fetch fetch, URI uri)
      throws Exception {
    int requests = 40;
    fetch.get(uri);
    double idleBefore = idleRate(desk, 3_000);
    long before = desk.poolCheckouts();
    long start = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      fetch.get(uri);
    }
    long busy = System.nanoTime() - start;
    long during = desk.poolCheckouts() - before;
    double idleAfter = idleRate(desk, Math.max(3_000, busy / 2_000_000));
    double idle = Math.min(idleBefore, idleAfter);
    double perRequest = Math.max(0, during - idle * busy / 1e9) / requests;
    bench.progress(String.format("  %s: %d checkouts in %d requests (%.2f each) over %.1f s; background %.1f/s"
        + " before, %.1f/s after: %.2f each without it", what, during, requests, during / (double) requests,
        busy / 1e9, idleBefore, idleAfter, perRequest));
    return new Figure("P3", "pool checkouts per " + what + " request (first page, background work taken off)",
        "count", Figure.Stats.single(perRequest), null, null, null);
  }

  /** Checkouts per second with no requests, over {@code millis}. */
  private static double idleRate(OfferDesk desk, long millis) throws Exception {
    long before = desk.poolCheckouts();
    long start = System.nanoTime();
    Thread.sleep(millis);
    return (desk.poolCheckouts() - before) / ((System.nanoTime() - start) / 1e9);
  }

  private static final Pattern NEXT = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");

  /** The API page's {@code nextCursor}; the demo seller has more offers than a page. */
  public static String nextCursor(String page) {
    Matcher m = NEXT.matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("The first page has no next cursor: too few offers for the demo seller");
    }
    return m.group(1);
  }

  /** The baseline: each client its own connection and prepared statements, reading every column of every row. */
  private static Load.Call sqlClients(OfferDesk desk, int clients, Timestamp afterAt, UUID afterId) throws Exception {
    PreparedStatement[][] statements = new PreparedStatement[clients][SQLS.length];
    for (int c = 0; c < clients; c++) {
      Connection connection = desk.db().connect();
      for (int q = 0; q < SQLS.length; q++) {
        statements[c][q] = connection.prepareStatement(SQLS[q]);
        statements[c][q].setObject(1, desk.demoSeller());
      }
      statements[c][4].setTimestamp(2, afterAt);
      statements[c][4].setObject(3, afterId);
    }
    return (client, i) -> {
      PreparedStatement s = statements[client][(int) ((client + i) % SQLS.length)];
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
      return rows >= 0;
    };
  }
}
