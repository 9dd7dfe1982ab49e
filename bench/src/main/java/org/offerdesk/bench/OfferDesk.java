package org.offerdesk.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OfferDesk in demo mode from its built jar, with its embedded sandbox, on a PostgreSQL the run owns (so the
 * data loader and the baselines reach the same database): the demo seller's API token and admin password
 * are chosen here.
 */
public record OfferDesk(BenchDatabase db, AppProcess app, String token, String adminEmail, String password,
    UUID demoSeller, String metricsToken) implements AutoCloseable {

  public static OfferDesk start(Workbench bench, String name) throws Exception {
    return start(bench, name, Map.of());
  }

  /** As {@link #start(Workbench, String)}, with {@code settings} added to the app's environment. */
  public static OfferDesk start(Workbench bench, String name, Map<String, String> settings) throws Exception {
    return start(bench, name, settings, Map.of());
  }

  /** As {@link #start(Workbench, String, Map)}, with PostgreSQL settings ({@code serverConfig}) for its database. */
  public static OfferDesk start(Workbench bench, String name, Map<String, String> settings,
      Map<String, String> serverConfig) throws Exception {
    BenchDatabase db = BenchDatabase.start(bench, name + "-pg", serverConfig);
    try {
      String token = "bench-token-" + UUID.randomUUID();
      String password = "bench-" + UUID.randomUUID();
      String metricsToken = "bench-metrics-" + UUID.randomUUID();
      bench.progress("starting OfferDesk (./run, " + bench.appJar().getFileName() + ") on its database");
      // No demo history unless a scenario asks for it: the seeder's year of business runs in the background for
      // minutes, weighs on every figure measured meanwhile, and writes offers while the loaders have the offer
      // tables' unique indexes dropped (a full-size P3 run failed rebuilding offer_by_marketplace_id on a duplicate).
      Map<String, String> env = new java.util.HashMap<>(Map.of("OFFERDESK_DEMO_DATA", "none"));
      env.putAll(settings);
      env.putAll(Map.of(
          "DATABASE_URL", db.databaseUrl(),
          "OFFERDESK_BOOTSTRAP_TOKEN", token,
          "OFFERDESK_ADMIN_PASSWORD", password,
          "OFFERDESK_METRICS_TOKEN", metricsToken,
          "LOGGING_LEVEL_ROOT", "WARN"));
      AppProcess app = AppProcess.start(bench.runCommand(), bench.folder(name + "-data"), env, List.of());
      UUID demo;
      try (Connection c = db.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id FROM organization WHERE name = 'Demo ISV'")) {
        rs.next();
        demo = rs.getObject(1, UUID.class);
      }
      bench.progress(String.format("OfferDesk up in %.1f s at %s", app.secondsToReady(), app.base()));
      return new OfferDesk(db, app, token, "admin@demo.offerdesk.local", password, demo, metricsToken);
    } catch (Exception e) {
      db.close();
      throw e;
    }
  }

  /** How many times the app's connection pool has handed out a connection so far (its Micrometer count). */
  public long poolCheckouts() throws Exception {
    String metrics = Console.get(Console.client(), app.base().resolve("/actuator/prometheus"), metricsToken);
    long total = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("hikaricp_connections_acquire_seconds_count")) {
        total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  @Override
  public void close() throws InterruptedException {
    try {
      app.close();
    } finally {
      db.close();
    }
  }
}
