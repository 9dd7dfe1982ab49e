package org.offerdesk.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started from the binaries shipped in a Maven artifact, with its data in a folder
 * that survives restarts. Used when no {@code DATABASE_URL} is configured, so that a fresh machine
 * needs nothing installed.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  /** The settings every server starts with unless the caller gives others: PostgreSQL's durable defaults. */
  public static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on",
      "full_page_writes", "on");

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final DataFolderClaim claim;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, DataFolderClaim claim) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.claim = claim;
  }

  /** Starts a server on the given folder, keeping whatever data it already holds. */
  public static EmbeddedPostgresServer start(Path dataDirectory) {
    return start(dataDirectory, false);
  }

  /**
   * Starts a server; {@code clean} wipes the folder first (tests only). The folder is claimed first, so a
   * second instance on it is refused, and a server its crashed previous owner left running is stopped.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, boolean clean) {
    return start(dataDirectory, clean, true);
  }

  /**
   * As {@link #start(Path, boolean)}; without {@code stopOnJvmExit} the caller alone stops the server.
   * The JVM runs its shutdown hooks all at once, so a server stopped by a hook of its own can be gone
   * while an application that uses it is still closing: a caller that closes its applications first
   * (tests, through Spring Boot's shutdown handlers) stops the server after them.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, boolean clean, boolean stopOnJvmExit) {
    return start(dataDirectory, clean, stopOnJvmExit, 200);
  }

  /**
   * As {@link #start(Path, boolean, boolean)} with room for {@code maxConnections} clients: a test JVM keeps
   * many application contexts (each with its pool) on one server, and needs more than an application does.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, boolean clean, boolean stopOnJvmExit,
      int maxConnections) {
    return start(dataDirectory, clean, stopOnJvmExit, Map.of("max_connections", Integer.toString(maxConnections)));
  }

  /**
   * Throws {@link DataFolderClaim.DataFolderInUseException} when a live process (another OfferDesk or sandbox, or
   * this one) holds {@code dataDirectory}, as {@link #start} would, but keeps no claim: an application asks this
   * before it starts anything, so that a second instance on the same folder is refused at once instead of after
   * its web server and most of its beans have started. The claim taken when the server starts still decides.
   */
  public static void refuseIfInUse(Path dataDirectory) {
    DataFolderClaim.claim(dataDirectory.toAbsolutePath().normalize()).close();
  }

  /**
   * As {@link #start(Path, boolean, boolean)} with PostgreSQL settings ({@code postgresql.conf} names and
   * values) on top of the defaults: tests trade durability for speed here; applications never do.
   *
   * <p>The defaults are PostgreSQL's own durable ones ({@link #DURABLE}): the embedded library starts the
   * postmaster with {@code -F} (no fsync) and {@code synchronous_commit = off}, made for throwaway test data. A
   * seller's database must survive a power cut: without fsync a crash of the machine can corrupt it, and without
   * synchronous commits a committed transaction can be lost after OfferDesk acted on it (a queue message deleted
   * once its event's row committed).
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, boolean clean, boolean stopOnJvmExit,
      Map<String, String> serverConfig) {
    Path absolute = dataDirectory.toAbsolutePath().normalize();
    return startClaimed(absolute, DataFolderClaim.claim(absolute), clean, stopOnJvmExit, serverConfig);
  }

  /**
   * As {@link #start(Path, boolean, boolean)} without {@code clean} or a JVM hook, begun now and finished on a
   * thread of its own: the folder is claimed here, so a folder another live process uses is refused at once
   * (as {@link #refuseIfInUse}); the rest (a leftover server stopped, the binaries found, the postmaster started
   * and waited for) runs while the caller goes on. The future fails as {@link #start} would throw, with the claim
   * released.
   */
  public static CompletableFuture<EmbeddedPostgresServer> startInBackground(Path dataDirectory) {
    Path absolute = dataDirectory.toAbsolutePath().normalize();
    DataFolderClaim claim = DataFolderClaim.claim(absolute);
    CompletableFuture<EmbeddedPostgresServer> future = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        future.complete(startClaimed(absolute, claim, false, false, Map.of()));
      } catch (Throwable e) {
        future.completeExceptionally(e);
      }
    }, "embedded-postgres-start");
    thread.setDaemon(true);
    thread.start();
    return future;
  }

  private static EmbeddedPostgresServer startClaimed(Path absolute, DataFolderClaim claim, boolean clean,
      boolean stopOnJvmExit, Map<String, String> serverConfig) {
    try {
      LeftoverPostmaster.clear(absolute);
      log.info("Starting embedded PostgreSQL with data in {}", absolute);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(absolute.toFile())
          .setCleanDataDirectory(clean)
          .setPort(freePort())
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("max_connections", "200")
          .setRegisterShutdownHook(stopOnJvmExit);
      DURABLE.forEach(builder::setServerConfig); // after -F on the command line, so these win
      serverConfig.forEach(builder::setServerConfig);
      EmbeddedPostgres postgres = builder.start();
      return new EmbeddedPostgresServer(postgres, absolute, claim);
    } catch (IOException e) {
      claim.close();
      throw new UncheckedIOException("Could not start embedded PostgreSQL in " + absolute, e);
    } catch (RuntimeException e) {
      claim.close();
      throw e;
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** A JDBC URL for a database on this server, signed in as the superuser {@code postgres}. */
  public DatabaseUrl url(String database) {
    return new DatabaseUrl(postgres.getJdbcUrl("postgres", database), "postgres", "postgres");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      claim.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
