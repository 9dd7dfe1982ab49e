package org.offerdesk.app.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Flyway's migrate at start, without its validation when nothing it validates changed since a validation that
 * passed: Flyway reads and checksums every migration of the jar and compares them with its schema history on every
 * start (about 3% of a restart's main thread, before any other bean that needs the database).
 *
 * <p>After a migrate that succeeded, the schema history table gets a comment: a SHA-256 of what that validation
 * judged (the migration files of Flyway's locations, each one's name, size and CRC-32; Flyway's version and the
 * settings that change its verdict; every row of the history). It is written only when the history grew by exactly
 * the migrations this migrate applied (not when another instance migrated meanwhile). A start whose files, settings
 * and history give the same digest would get the same verdict with nothing pending: it skips {@link Flyway#migrate()}.
 * Anything else (a migration added, changed or removed, a history row changed, another Flyway version, a location
 * outside the classpath, callbacks, no comment, a comment that cannot be written) runs Flyway's migrate as before,
 * which applies what is new and refuses a changed or missing applied migration. The digest is read in one query;
 * the files' CRCs cost little (native CRC-32 over their bytes, no parsing or per-line checksums).
 */
final class UnchangedMigrations implements FlywayMigrationStrategy {

  /** What {@link #migrateIfChanged} did. */
  enum Outcome { MIGRATED, UNCHANGED }

  private static final Logger log = LoggerFactory.getLogger(UnchangedMigrations.class);
  private static final String MARK = "offerdesk validated ";

  @Override
  public void migrate(Flyway flyway) {
    migrateIfChanged(flyway);
  }

  /** Skips Flyway's migrate when the history's comment says these files and this history were validated. */
  Outcome migrateIfChanged(Flyway flyway) {
    Configuration conf = flyway.getConfiguration();
    String sources = sources(conf);
    History before = sources == null ? null : History.read(conf);
    if (before != null && before.markedFor(sources)) {
      log.info("Flyway's migrations and schema history unchanged since their last validation: nothing to migrate");
      return Outcome.UNCHANGED;
    }
    MigrateResult result = flyway.migrate();
    if (sources != null) {
      // Marked only when the history changed by this migrate alone (another instance's migrate meanwhile adds rows).
      History after = History.read(conf);
      if (after != null && after.rows() == (before == null ? 0 : before.rows()) + result.migrationsExecuted) {
        after.mark(conf, sources);
      }
    }
    return Outcome.MIGRATED;
  }

  /** The schema history: its table (quoted), its comment, a digest of its rows and their number. */
  private record History(String table, String comment, String digest, long rows) {

    /** The history Flyway would read, or null when there is none (a first start) or it cannot be read. */
    static History read(Configuration conf) {
      try (Connection connection = conf.getDataSource().getConnection();
          Statement statement = connection.createStatement()) {
        String table = historyTable(conf, connection);
        try (ResultSet row = statement.executeQuery("select obj_description(to_regclass('"
            + table.replace("'", "''") + "'), 'pg_class'), md5(string_agg(h::text, E'\\n' order by h.installed_rank)),"
            + " count(*) from " + table + " h")) {
          row.next();
          return new History(table, row.getString(1), row.getString(2), row.getLong(3));
        }
      } catch (SQLException e) {
        log.debug("No schema history to compare with: {}", e.toString());
        return null;
      }
    }

    boolean markedFor(String sources) {
      return (MARK + UnchangedMigrations.digest(sources, digest)).equals(comment);
    }

    /** Records that Flyway validated this history with these sources; a refusal only costs the next start. */
    void mark(Configuration conf, String sources) {
      try (Connection connection = conf.getDataSource().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("comment on table " + table + " is '" + MARK + UnchangedMigrations.digest(sources, digest)
            + "'");
      } catch (SQLException e) {
        log.info("Could not mark the schema history as validated (the next start validates again): {}", e.toString());
      }
    }
  }

  /** The schema history table, quoted, in the schema Flyway uses for it. */
  private static String historyTable(Configuration conf, Connection connection) throws SQLException {
    String schema = conf.getDefaultSchema() != null ? conf.getDefaultSchema()
        : conf.getSchemas().length > 0 ? conf.getSchemas()[0] : connection.getSchema();
    return quote(schema) + "." + quote(conf.getTable());
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /**
   * Flyway's version, the settings that change validation's verdict and each migration file's name, size and CRC-32;
   * null when they cannot be listed this way (a location outside the classpath, callbacks), so that Flyway decides.
   */
  static String sources(Configuration conf) {
    if (conf.getCallbacks().length > 0 || conf.getResolvers().length > 0 || conf.getJavaMigrations().length > 0) {
      return null;
    }
    StringBuilder text = new StringBuilder(4096)
        .append(Flyway.class.getPackage().getImplementationVersion()).append('\n')
        .append(conf.getTable()).append(' ').append(Arrays.toString(conf.getSchemas())).append(' ')
        .append(conf.getDefaultSchema()).append(' ').append(conf.getTarget()).append(' ')
        .append(conf.isOutOfOrder()).append(' ').append(Arrays.toString(conf.getIgnoreMigrationPatterns()))
        .append(' ').append(conf.isValidateOnMigrate()).append(' ').append(conf.getBaselineVersion()).append('\n');
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(conf.getClassLoader());
    for (Location location : conf.getLocations()) {
      if (!location.isClassPath()) {
        return null;
      }
      Map<String, String> files = new TreeMap<>();
      try {
        for (Resource resource : resolver.getResources("classpath*:" + location.getRootPath() + "/**/*")) {
          if (resource.isReadable()) {
            String url = resource.getURL().toString();
            files.put(url.substring(url.indexOf(location.getRootPath())), crc(resource));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the migrations in " + location, e);
      }
      text.append(location.getDescriptor()).append('\n');
      files.forEach((name, crc) -> text.append(name).append(' ').append(crc).append('\n'));
    }
    return text.toString();
  }

  private static String crc(Resource resource) throws IOException {
    try (InputStream in = resource.getInputStream()) {
      byte[] bytes = in.readAllBytes();
      CRC32 crc = new CRC32();
      crc.update(bytes);
      return bytes.length + " " + Long.toHexString(crc.getValue());
    }
  }

  private static String digest(String sources, String history) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(sources.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(String.valueOf(history).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
