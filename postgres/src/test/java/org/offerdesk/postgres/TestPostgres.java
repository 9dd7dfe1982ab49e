package org.offerdesk.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;

/**
 * One real PostgreSQL server per test JVM, started on first use; every caller gets a database of its
 * own on it, so Spring test contexts never see each other's rows.
 */
public final class TestPostgres {

  private static EmbeddedPostgresServer server;
  private static final AtomicInteger counter = new AtomicInteger();

  private TestPostgres() {}

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

  public static synchronized EmbeddedPostgresServer server() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("offerdesk-test-pg");
        // The test JVM caches up to 32 contexts, each with its own pool (and some an embedded sandbox).
        server = EmbeddedPostgresServer.start(dir.resolve("pg"), true, false, 800);
        EmbeddedPostgresServer started = server;
        // Stopped by Spring Boot's shutdown hook once it has closed every application context, not by a JVM
        // hook (ours or the embedded server's own): JVM hooks run at the same time, and contexts still closing
        // then wait on a database that is gone (a job owner signing off waited for a connection for 30 s,
        // until Surefire killed the fork).
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
          if (stopped.compareAndSet(false, true)) {
            started.close();
          }
        };
        SpringApplication.getShutdownHandlers().add(stop);
        // Spring Boot adds its JVM hook only once an application has run: a JVM that ran none (this module's
        // own tests) would leave the server running. This hook stops it there, and elsewhere lets Spring's
        // hook (which stops it after closing the contexts) go first.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          awaitSpringShutdownHook();
          stop.run();
        }, "test-postgres-stop"));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return server;
  }

  /** Waits for Spring Boot's shutdown hook when it runs: it starts with ours, at most a moment later. */
  private static void awaitSpringShutdownHook() {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < until) {
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().equals("SpringApplicationShutdownHook")) {
          try {
            thread.join(java.util.concurrent.TimeUnit.SECONDS.toMillis(60));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return;
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
