package org.offerdesk.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;

/**
 * One real PostgreSQL server per test JVM, started on first use; every caller gets a database of its
 * own on it, so Spring test contexts never see each other's rows.
 */
public final class TestPostgres {

  private static EmbeddedPostgresServer server;
  private static final AtomicInteger counter = new AtomicInteger();
  /** Set once a Spring application uses the server: Spring Boot's shutdown hook then stops it. */
  private static volatile boolean stoppedBySpring;
  /** Counted down by Spring Boot's shutdown hook once it has closed every context and stopped the server. */
  private static final CountDownLatch springStoppedIt = new CountDownLatch(1);

  private TestPostgres() {}

  /**
   * A new, empty database for a Spring application in this JVM that registers Spring Boot's shutdown hook
   * (every test context; not {@code SandboxServer}, which registers none): the server is then stopped by that
   * hook after it has closed the applications, and the hook signals the JVM's hook, which waits for it
   * instead of stopping the server under applications still closing.
   */
  public static DatabaseUrl newDatabaseForSpring(String prefix) {
    return newDatabaseForSpring(prefix, "template1");
  }

  /** As {@link #newDatabaseForSpring(String)}, a copy of {@code template} (see {@link #newDatabase(String, String)}). */
  public static DatabaseUrl newDatabaseForSpring(String prefix, String template) {
    stoppedBySpring = true;
    return newDatabase(prefix, template);
  }

  /** A new, empty database; its URL in the {@code postgres://} form an operator would use. */
  public static DatabaseUrl newDatabase(String prefix) {
    return newDatabase(prefix, "template1");
  }

  /**
   * A new database that starts as a copy of {@code template}, a database on this server made by
   * {@link #newDatabase(String)} that nobody is connected to: copying an already migrated database is much
   * quicker than migrating each new one.
   */
  public static synchronized DatabaseUrl newDatabase(String prefix, String template) {
    EmbeddedPostgresServer pg = server();
    String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet()).toLowerCase();
    DatabaseUrl admin = pg.url("postgres");
    try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    return pg.url(name);
  }

  /** Runs one statement with its parameters on {@code database}, on a connection of its own. */
  public static void update(DatabaseUrl database, String statement, Object... args) {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        java.sql.PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static synchronized EmbeddedPostgresServer server() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("offerdesk-test-pg");
        // The test JVM caches up to 32 contexts, each with its own pool (and some an embedded sandbox). Its data
        // is thrown away at exit, so nothing is flushed to disk: no fsync (CREATE DATABASE of a template and every
        // checkpoint would wait for the disk), no full-page images in the WAL, commits not waiting for the WAL.
        server = EmbeddedPostgresServer.start(dir.resolve("pg"), true, false, Map.of("max_connections", "800",
            "fsync", "off", "full_page_writes", "off", "synchronous_commit", "off"));
        EmbeddedPostgresServer started = server;
        // Where a Spring application used it, stopped by Spring Boot's shutdown hook once it has closed every
        // application context, not by a JVM hook (ours or the embedded server's own): JVM hooks run at the same
        // time, and contexts still closing would wait on a database that is gone (a job owner signing off
        // waited for a connection for 30 s, until Surefire killed the fork).
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
          if (stopped.compareAndSet(false, true)) {
            started.close();
          }
        };
        SpringApplication.getShutdownHandlers().add(() -> {
          try {
            stop.run();
          } finally {
            springStoppedIt.countDown();
          }
        });
        // Spring Boot adds its JVM hook only once an application has run: in a JVM that ran none (this module's
        // own tests) this hook stops the server; elsewhere it waits for Spring's hook to say it did.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          if (stoppedBySpring) {
            try {
              springStoppedIt.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          stop.run();
        }, "test-postgres-stop"));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return server;
  }
}
