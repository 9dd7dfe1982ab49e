package org.offerdesk.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;

/**
 * The one way both the platform and the sandbox get their database: the server named by
 * {@code DATABASE_URL} when it is set, otherwise an embedded PostgreSQL whose data lives under
 * {@code OFFERDESK_DATA_DIR} (default {@code ./data}).
 *
 * <p>Properties: {@code offerdesk.database.url} (defaults to {@code DATABASE_URL}),
 * {@code offerdesk.data-dir}, {@code offerdesk.database.embedded-directory} (the folder inside the
 * data dir), {@code offerdesk.database.schema} and {@code offerdesk.database.pool-size}.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
public class PostgresAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PostgresAutoConfiguration.class);

  /** The server in use; for an embedded one also the running process. */
  public record PostgresConnection(DatabaseUrl url, EmbeddedPostgresServer embedded, String schema) {
    public boolean isEmbedded() {
      return embedded != null;
    }
  }

  @Bean(destroyMethod = "")
  PostgresConnection postgresConnection(Environment env, ObjectProvider<EmbeddedPostgresServerHolder> holder) {
    String configured = configuredUrl(env);
    String schema = env.getProperty("offerdesk.database.schema", "public");
    if (!configured.isBlank()) {
      DatabaseUrl parsed = DatabaseUrl.parse(configured);
      DatabaseUrl url = new DatabaseUrl(parsed.jdbcUrl(),
          env.getProperty("offerdesk.database.username", parsed.username()),
          env.getProperty("offerdesk.database.password", parsed.password()));
      log.info("Using PostgreSQL at {}", DatabaseUrl.redact(url.jdbcUrl()));
      return new PostgresConnection(url, null, schema);
    }
    EmbeddedPostgresServer server = holder.getObject().server();
    return new PostgresConnection(server.url("postgres"), server, schema);
  }

  @Bean(destroyMethod = "close")
  EmbeddedPostgresServerHolder embeddedPostgresServerHolder(Environment env, ObjectProvider<EarlyStart> early) {
    return new EmbeddedPostgresServerHolder(dataFolder(env), early.getIfAvailable());
  }

  /**
   * Starts the embedded PostgreSQL of this context's data folder now, on a thread of its own, unless a database
   * URL names another server: an application calls this before its context refreshes, so that the server starts
   * while the configuration is read and the first beans are made, instead of when the data source is first
   * needed. The folder is claimed at once (a folder another live process uses is refused here, with its own
   * message); the server is handed to this configuration's holder when the context asks for the database, and
   * stopped when the context closes before that (a start that fails).
   */
  public static void startEmbeddedEarly(ConfigurableApplicationContext context) {
    if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
      return; // the build making the bean definitions ahead of time: no database
    }
    embeddedDataFolder(context.getEnvironment()).ifPresent(folder -> {
      EarlyStart early = new EarlyStart(EmbeddedPostgresServer.startInBackground(folder));
      ConfigurableListableBeanFactory beans = context.getBeanFactory();
      beans.registerSingleton(EarlyStart.BEAN, early);
      if (beans instanceof DefaultSingletonBeanRegistry registry) {
        registry.registerDisposableBean(EarlyStart.BEAN, early);
      }
    });
  }

  /** A server begun by {@link #startEmbeddedEarly}: its holder takes it, or the context's close stops it. */
  static final class EarlyStart implements DisposableBean {
    static final String BEAN = "offerdesk.embeddedPostgresEarlyStart";
    private CompletableFuture<EmbeddedPostgresServer> starting;

    EarlyStart(CompletableFuture<EmbeddedPostgresServer> starting) {
      this.starting = starting;
    }

    /** The started server, now the caller's to stop; throws what its start threw. */
    synchronized EmbeddedPostgresServer take() {
      CompletableFuture<EmbeddedPostgresServer> started = starting;
      starting = null;
      if (started == null) {
        throw new IllegalStateException("The embedded PostgreSQL started early was already taken");
      }
      try {
        return started.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }

    @Override
    public synchronized void destroy() {
      CompletableFuture<EmbeddedPostgresServer> started = starting;
      starting = null;
      if (started != null) {
        try {
          started.join().close();
        } catch (CompletionException e) {
          log.debug("The embedded PostgreSQL started early had not started: {}", e.getCause().toString());
        }
      }
    }
  }

  /**
   * The folder of the embedded PostgreSQL this configuration starts, or empty when a database URL names another
   * server: what an application may check before it starts anything ({@link EmbeddedPostgresServer#refuseIfInUse}).
   */
  public static Optional<Path> embeddedDataFolder(PropertyResolver env) {
    return configuredUrl(env).isBlank() ? Optional.of(dataFolder(env)) : Optional.empty();
  }

  /** The database URL asked for ({@code offerdesk.database.url}, else {@code DATABASE_URL}); blank: embedded. */
  private static String configuredUrl(PropertyResolver env) {
    return env.getProperty("offerdesk.database.url", env.getProperty("DATABASE_URL", ""));
  }

  private static Path dataFolder(PropertyResolver env) {
    Path dataDir = Path.of(env.getProperty("offerdesk.data-dir", env.getProperty("OFFERDESK_DATA_DIR", "./data")));
    return dataDir.resolve(env.getProperty("offerdesk.database.embedded-directory", "postgres"));
  }

  @Bean(destroyMethod = "close")
  DataSource dataSource(PostgresConnection connection, Environment env) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(connection.url().jdbcUrl());
    if (connection.url().username() != null) {
      ds.setUsername(connection.url().username());
    }
    if (connection.url().password() != null) {
      ds.setPassword(connection.url().password());
    }
    ds.setSchema(connection.schema());
    ds.setMaximumPoolSize(env.getProperty("offerdesk.database.pool-size", Integer.class, 10));
    ds.setPoolName(env.getProperty("spring.application.name", "offerdesk") + "-db");
    return ds;
  }

  /** Starts the embedded server lazily: only when no DATABASE_URL asked for another one. */
  static final class EmbeddedPostgresServerHolder implements AutoCloseable {
    private final Path directory;
    private EarlyStart early;
    private EmbeddedPostgresServer server;

    EmbeddedPostgresServerHolder(Path directory, EarlyStart early) {
      this.directory = directory;
      this.early = early;
    }

    synchronized EmbeddedPostgresServer server() {
      if (server == null) {
        // Stopped by close(), when Spring destroys this bean after everything that uses the database has
        // stopped; not by a JVM hook of its own, which would run alongside Spring's and pull the database away
        // from an application still shutting down. After a kill -9, the next start stops the leftover server.
        EarlyStart begun = early;
        early = null;
        if (begun == null) {
          server = EmbeddedPostgresServer.start(directory, false, false);
        } else {
          long asked = System.nanoTime();
          server = begun.take();
          log.info("Embedded PostgreSQL started beside the context; the data source waited {} ms for it",
              (System.nanoTime() - asked) / 1_000_000);
        }
      }
      return server;
    }

    @Override
    public synchronized void close() {
      if (server != null) {
        server.close();
        server = null;
      }
    }
  }
}
