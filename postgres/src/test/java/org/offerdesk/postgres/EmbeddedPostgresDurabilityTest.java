package org.offerdesk.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server an application starts (no settings of its own, as {@code PostgresAutoConfiguration} starts it for
 * {@code ./run} and for production without {@code DATABASE_URL}) is durable, although the embedded library starts
 * the postmaster with {@code -F} and {@code synchronous_commit = off}; a caller's own settings still win (tests).
 */
class EmbeddedPostgresDurabilityTest {

  @Test
  void an_applications_server_flushes_to_disk_and_waits_for_its_commits(@TempDir Path dir) throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pg"), true, false)) {
      assertThat(settings(server)).isEqualTo(
          Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));
    }
  }

  @Test
  void a_callers_own_settings_win(@TempDir Path dir) throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pg"), true, false,
        Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"))) {
      assertThat(settings(server)).isEqualTo(
          Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));
    }
  }

  private static Map<String, String> settings(EmbeddedPostgresServer server) throws Exception {
    DatabaseUrl url = server.url("postgres");
    Map<String, String> found = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name, setting FROM pg_settings"
            + " WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name")) {
      while (rs.next()) {
        found.put(rs.getString(1), rs.getString(2));
      }
    }
    return found;
  }
}
