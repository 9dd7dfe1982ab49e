package org.offerdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.Http;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;

/**
 * The README's run command, tried as a newcomer would: {@code ./run} from the repository root with
 * nothing configured starts OfferDesk, the embedded sandbox and an embedded PostgreSQL whose data
 * survives a restart; with DATABASE_URL it uses that server instead.
 */
class RunCommandIT {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String PASSWORD = "run-command-password";

  Process process;

  @AfterEach
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void starts_on_embedded_postgres_and_keeps_its_data_across_a_restart() throws Exception {
    Path dataDir = Files.createTempDirectory("offerdesk-run-data");
    int port = freePort();
    int sandboxPort = freePort();
    Path log = Files.createTempFile("offerdesk-run", ".log");

    start(Map.of("SERVER_PORT", "" + port, "OFFERDESK_SANDBOX_PORT", "" + sandboxPort,
        "OFFERDESK_DATA_DIR", dataDir.toString(), "OFFERDESK_ADMIN_PASSWORD", PASSWORD), log);
    awaitReady(port, log);
    assertThat(Files.readString(log)).contains("open http://localhost:" + port + "/")
        .contains("Listening on 127.0.0.1 only")
        .contains("Sign in as admin@demo.offerdesk.local")
        .contains("Marketplace sandbox listening on 127.0.0.1:" + sandboxPort + " (loopback only")
        .contains("Sandbox admin token (generated");
    assertThat(get("http://localhost:" + sandboxPort + "/actuator/health")).contains("\"UP\"");
    assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();

    Http browser = new Http(port);
    assertThat(browser.signIn("admin@demo.offerdesk.local", PASSWORD).header("Location")).endsWith("/offers");
    String csrf = browser.csrfFrom("/settings/tokens");
    assertThat(browser.postForm("/settings/tokens", Map.of("name", "survives-restart"), csrf).status())
        .isEqualTo(302);

    stop();
    start(Map.of("SERVER_PORT", "" + port, "OFFERDESK_SANDBOX_PORT", "" + sandboxPort,
        "OFFERDESK_DATA_DIR", dataDir.toString()), log);
    awaitReady(port, log);
    Http again = new Http(port);
    assertThat(again.signIn("admin@demo.offerdesk.local", PASSWORD).header("Location")).endsWith("/offers");
    assertThat(again.get("/settings/tokens").body()).contains("survives-restart");
  }

  @Test
  void uses_the_server_named_by_database_url_and_starts_no_embedded_one() throws Exception {
    DatabaseUrl database = TestPostgres.newDatabase("runcommand");
    String name = database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1).split("\\?")[0];
    String url = "postgres://postgres:postgres@localhost:" + TestPostgres.server().port() + "/" + name;
    Path dataDir = Files.createTempDirectory("offerdesk-run-external");
    int port = freePort();
    Path log = Files.createTempFile("offerdesk-run-external", ".log");

    start(Map.of("SERVER_PORT", "" + port, "OFFERDESK_SANDBOX_PORT", "" + freePort(),
        "OFFERDESK_DATA_DIR", dataDir.toString(), "DATABASE_URL", url), log);
    awaitReady(port, log);
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
    Path dataDir = Files.createTempDirectory("offerdesk-run-production");
    Path log = Files.createTempFile("offerdesk-run-production", ".log");
    start(Map.of("SERVER_PORT", "" + freePort(), "OFFERDESK_DATA_DIR", dataDir.toString(),
        "OFFERDESK_PUBLIC_URL", "http://offerdesk.example.com", "OFFERDESK_SANDBOX_ENABLED", "true",
        "OFFERDESK_ADMIN_PASSWORD", PASSWORD), log, "--production");
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("exits").isTrue();
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
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(ROOT.resolve("run").toString()));
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(ROOT.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().remove("DATABASE_URL");
    builder.environment().remove("OFFERDESK_ADMIN_PASSWORD");
    builder.environment().remove("OFFERDESK_BOOTSTRAP_TOKEN");
    builder.environment().keySet().removeIf(name -> name.startsWith("OFFERDESK_"));
    builder.environment().putAll(env);
    process = builder.start();
  }

  private void awaitReady(int port, Path log) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("OfferDesk exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (get("http://localhost:" + port + "/actuator/health").contains("\"UP\"")
            && Files.readString(log).contains("OfferDesk is running")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(500, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("OfferDesk did not become ready:\n" + Files.readString(log));
  }

  private static String get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
