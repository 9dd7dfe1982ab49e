package org.offerdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import static org.offerdesk.app.support.LaunchedOfferDesk.freePort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.LaunchedOfferDesk;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;

/**
 * The README's run command, tried as a newcomer would: with DATABASE_URL {@code ./run} uses that server and starts no
 * embedded one, and in production mode it refuses an unsafe configuration. {@code ./run} with nothing configured (the
 * embedded PostgreSQL, whose data survives a restart) is {@code CrashRestartIT}'s first start, on the data folder that
 * test then kills and restarts: a start fewer.
 */
class RunCommandIT {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String PASSWORD = "run-command-password";
  /** A bound against hanging forever on a busy machine, not a speed requirement. */
  static final Duration READY_WITHIN = Duration.ofMinutes(10);

  LaunchedOfferDesk offerDesk;
  Process process;
  /** Every OfferDesk this test started, and the data folder its embedded PostgreSQL uses, if any. */
  final List<LaunchedOfferDesk> started = new ArrayList<>();
  Path dataDir;

  /**
   * Stops what the test started, and the embedded PostgreSQL left behind when an OfferDesk did not stop it
   * (a failed assertion between a start and a stop, or one that would not stop in time).
   */
  @AfterEach
  void stopEverything() throws InterruptedException {
    LaunchedOfferDesk.stopAll(started, dataDir);
  }

  @Test
  void uses_the_server_named_by_database_url_and_starts_no_embedded_one() throws Exception {
    DatabaseUrl database = TestPostgres.newDatabase("runcommand");
    String name = database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1).split("\\?")[0];
    String url = "postgres://postgres:postgres@localhost:" + TestPostgres.server().port() + "/" + name;
    dataDir = Files.createTempDirectory("offerdesk-run-external");
    int port = freePort();
    Path log = Files.createTempFile("offerdesk-run-external", ".log");

    start(Map.of("SERVER_PORT", "" + port, "OFFERDESK_SANDBOX_PORT", "" + freePort(),
        "OFFERDESK_DATA_DIR", dataDir.toString(), "DATABASE_URL", url), log);
    offerDesk.awaitReady(port, READY_WITHIN);
    assertThat(Files.readString(log)).contains("Sign in as admin@demo.offerdesk.local")
        .contains("with password ");
    assertThat(Files.exists(dataDir.resolve("postgres"))).isFalse();
    try (var c = java.sql.DriverManager.getConnection(database.jdbcUrl(), "postgres", "postgres");
        var rs = c.createStatement().executeQuery("SELECT name FROM organization ORDER BY name")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("Demo ISV");
    }
  }

  @Test
  void production_mode_refuses_an_unsafe_configuration_naming_each_problem() throws Exception {
    dataDir = Files.createTempDirectory("offerdesk-run-production");
    Path log = Files.createTempFile("offerdesk-run-production", ".log");
    start(Map.of("SERVER_PORT", "" + freePort(), "OFFERDESK_DATA_DIR", dataDir.toString(),
        "OFFERDESK_PUBLIC_URL", "http://offerdesk.example.com", "OFFERDESK_SANDBOX_ENABLED", "true",
        "OFFERDESK_ADMIN_PASSWORD", PASSWORD), log, "--production");
    assertThat(process.waitFor(READY_WITHIN.toMinutes(), TimeUnit.MINUTES)).as("exits").isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(Files.readString(log))
        .contains("OfferDesk refuses to start in production mode (OFFERDESK_MODE=production) because of 4 problems:")
        .contains("  - OFFERDESK_SECRET_KEY is not set")
        .contains("  - OFFERDESK_PUBLIC_URL is not https (http://offerdesk.example.com)")
        .contains("  - OFFERDESK_SANDBOX_ENABLED is set")
        .contains("  - OFFERDESK_ADMIN_PASSWORD is set")
        .doesNotContain("Starting embedded PostgreSQL");
    assertThat(Files.exists(dataDir.resolve("postgres"))).as("no database was started").isFalse();
  }

  private void start(Map<String, String> env, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("run").toString()));
    command.addAll(List.of(args));
    // Neither records the class archive (CrashRestartIT's first ./run does): a refused start's would hold only the
    // classes loaded before the refusal, and one on an external database's none of the embedded PostgreSQL's.
    offerDesk = LaunchedOfferDesk.start(command, ROOT, env, log, false);
    started.add(offerDesk);
    process = offerDesk.process();
  }
}
