package org.offerdesk.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.EmbeddedPostgresServer;

/**
 * An embedded PostgreSQL the run owns (OfferDesk's own {@link EmbeddedPostgresServer}), which an app started
 * with {@code DATABASE_URL} uses and the baselines and the data loader reach directly.
 */
public final class BenchDatabase implements AutoCloseable {

  private final EmbeddedPostgresServer server;
  private final Path folder;

  private BenchDatabase(EmbeddedPostgresServer server, Path folder) {
    this.server = server;
    this.folder = folder;
  }

  /**
   * The server settings every run's PostgreSQL starts with: as every figure in bench/README.md so far was
   * measured, without fsync and without waiting for commits to reach the disk (what the embedded library gives
   * unless told otherwise). OfferDesk's own embedded server and a default PostgreSQL are durable
   * ({@link EmbeddedPostgresServer#DURABLE}); {@code BENCH_DURABLE=true} runs the bench with those settings.
   */
  public static Map<String, String> serverSettings() {
    return "true".equalsIgnoreCase(System.getenv("BENCH_DURABLE"))
        ? EmbeddedPostgresServer.DURABLE
        : Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "on");
  }

  public static BenchDatabase start(Workbench bench, String name) throws Exception {
    return start(bench, name, Map.of());
  }

  /** As {@link #start(Workbench, String)} with PostgreSQL settings on top ({@code postgresql.conf} names). */
  public static BenchDatabase start(Workbench bench, String name, Map<String, String> serverConfig) throws Exception {
    Map<String, String> config = new HashMap<>(serverConfig);
    config.putIfAbsent("max_connections", "300");
    serverSettings().forEach(config::putIfAbsent);
    Path folder = bench.folder(name);
    BenchDatabase db = new BenchDatabase(EmbeddedPostgresServer.start(folder, true, true, config), folder);
    try (Connection c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      bench.postgresVersion("PostgreSQL " + rs.getString(1) + " (embedded; fsync " + config.get("fsync")
          + ", synchronous_commit " + config.get("synchronous_commit") + ")");
    }
    return db;
  }

  public DatabaseUrl url() {
    return server.url("postgres");
  }

  /** What OfferDesk's {@code DATABASE_URL} takes. */
  public String databaseUrl() {
    return "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres?user=postgres&password=postgres";
  }

  /**
   * CPU seconds the server's processes have used so far: the postmaster and its live children (the backends,
   * the background workers), and the children that have exited (the postmaster's waited-for time).
   */
  public double cpuSeconds() {
    return cpuSeconds(server);
  }

  /** {@link #cpuSeconds()} of any embedded server, found by its data folder. */
  static double cpuSeconds(EmbeddedPostgresServer server) {
    String folder = server.dataDirectory().toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(folder)).orElse(false))
        .mapToDouble(postmaster -> ProcessCpu.seconds(postmaster.pid(), true)
            + postmaster.descendants().mapToDouble(p -> ProcessCpu.seconds(p.pid(), false)).sum())
        .sum();
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url().jdbcUrl(), url().username(), url().password());
  }

  @Override
  public void close() {
    server.close();
  }
}
