package org.offerdesk.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offerdesk.postgres.PostgresAutoConfiguration.EarlyStart;
import org.offerdesk.postgres.PostgresAutoConfiguration.PostgresConnection;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * {@link PostgresAutoConfiguration#startEmbeddedEarly}: the embedded server starts before the context is refreshed
 * (the folder claimed at once), the context's database is that server, and a context closed before it asked for the
 * database (a start that failed) stops the server and lets go of the folder.
 */
class EarlyStartTest {

  @Test
  void the_server_starts_before_the_context_asks_for_it_and_becomes_the_contexts_database(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("postgres");
    AnnotationConfigApplicationContext context = context(dir, Map.of());
    PostgresAutoConfiguration.startEmbeddedEarly(context);
    // Claimed at once: a second start on the folder is refused before the server is even up.
    assertThatThrownBy(() -> EmbeddedPostgresServer.refuseIfInUse(data))
        .isInstanceOf(DataFolderClaim.DataFolderInUseException.class);
    // Up with no bean made yet: the postmaster writes its pid file once it runs.
    awaitPidFile(data);
    context.register(PostgresAutoConfiguration.class);
    context.refresh();
    try {
      PostgresConnection connection = context.getBean(PostgresConnection.class);
      assertThat(connection.embedded().dataDirectory()).isEqualTo(data.toAbsolutePath().normalize());
      DatabaseUrl url = connection.url();
      try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password())) {
        assertThat(c.isValid(5)).isTrue();
      }
    } finally {
      context.close();
    }
    assertThat(data.resolve(PostmasterPidFile.NAME)).doesNotExist();
    DataFolderClaim.claim(data).close();
  }

  @Test
  void a_context_closed_before_it_asked_for_the_database_stops_the_server_and_the_claim(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("postgres");
    AnnotationConfigApplicationContext context = context(dir, Map.of());
    PostgresAutoConfiguration.startEmbeddedEarly(context);
    context.refresh(); // without the configuration: nothing takes the server
    context.close();
    assertThat(data.resolve(PostmasterPidFile.NAME)).doesNotExist();
    DataFolderClaim.claim(data).close();
  }

  @Test
  void with_a_database_url_nothing_starts_and_no_folder_is_claimed(@TempDir Path dir) {
    AnnotationConfigApplicationContext context = context(dir,
        Map.of("offerdesk.database.url", "postgres://user:secret@127.0.0.1:1/none"));
    PostgresAutoConfiguration.startEmbeddedEarly(context);
    assertThat(context.getBeanFactory().getBeanNamesForType(EarlyStart.class)).isEmpty();
    EmbeddedPostgresServer.refuseIfInUse(dir.resolve("postgres"));
    context.close();
  }

  private static AnnotationConfigApplicationContext context(Path dir, Map<String, Object> properties) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    Map<String, Object> all = new java.util.HashMap<>(properties);
    all.put("offerdesk.data-dir", dir.toString());
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", all));
    return context;
  }

  /** Waits for the postmaster's pid file (a failed start fails the test through the later assertions instead). */
  private static void awaitPidFile(Path data) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!Files.exists(data.resolve(PostmasterPidFile.NAME)) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
    assertThat(data.resolve(PostmasterPidFile.NAME)).exists();
  }
}
