package org.offerdesk.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.offerdesk.app.runtime.UnchangedMigrations.Outcome;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;

/**
 * A start skips Flyway's migrate only when the migrations and the schema history are those Flyway last validated;
 * a migration added is applied, and a changed or missing applied migration, or a changed history, still refused.
 * The migrations are files on a class loader of the test's own, changed between starts as a new jar would.
 */
class UnchangedMigrationsTest {

  @TempDir
  Path classes;

  final UnchangedMigrations strategy = new UnchangedMigrations();
  final DatabaseUrl database = TestPostgres.newDatabase("unchanged_migrations");
  Path migrations;

  @BeforeEach
  void firstMigration() throws IOException {
    migrations = Files.createDirectories(classes.resolve("db/sample"));
    write("V1__first.sql", "create table first (id int);\n");
  }

  @Test
  void aStartAfterAValidatedMigrateSkipsIt() throws Exception {
    assertThat(strategy.migrateIfChanged(flyway())).isEqualTo(Outcome.MIGRATED);
    assertThat(strategy.migrateIfChanged(flyway())).isEqualTo(Outcome.UNCHANGED);
    assertThat(strategy.migrateIfChanged(flyway())).isEqualTo(Outcome.UNCHANGED);
    assertThat(count("select count(*) from first")).isZero();
  }

  @Test
  void aNewMigrationIsAppliedAndThenKnown() throws Exception {
    strategy.migrateIfChanged(flyway());
    write("V2__second.sql", "create table second (id int);\n");

    assertThat(strategy.migrateIfChanged(flyway())).isEqualTo(Outcome.MIGRATED);
    assertThat(count("select count(*) from second")).isZero();
    assertThat(count("select count(*) from flyway_schema_history")).isEqualTo(2);
    assertThat(strategy.migrateIfChanged(flyway())).isEqualTo(Outcome.UNCHANGED);
  }

  @Test
  void aChangedAppliedMigrationIsStillRefused() throws Exception {
    strategy.migrateIfChanged(flyway());
    strategy.migrateIfChanged(flyway());
    write("V1__first.sql", "create table first (id bigint);\n");

    assertThatThrownBy(() -> strategy.migrateIfChanged(flyway())).isInstanceOf(FlywayValidateException.class)
        .hasMessageContaining("checksum mismatch");
    // Refused again: the refusal recorded nothing.
    assertThatThrownBy(() -> strategy.migrateIfChanged(flyway())).isInstanceOf(FlywayValidateException.class);
  }

  @Test
  void aMissingAppliedMigrationIsStillRefused() throws Exception {
    write("V2__second.sql", "create table second (id int);\n");
    strategy.migrateIfChanged(flyway());
    strategy.migrateIfChanged(flyway());
    // V1, not the latest: an applied migration newer than every file is a future one, which Flyway ignores.
    Files.delete(migrations.resolve("V1__first.sql"));

    assertThatThrownBy(() -> strategy.migrateIfChanged(flyway())).isInstanceOf(FlywayValidateException.class)
        .hasMessageContaining("not resolved locally");
  }

  @Test
  void aChangedHistoryIsValidatedAgain() throws Exception {
    strategy.migrateIfChanged(flyway());
    strategy.migrateIfChanged(flyway());
    TestPostgres.update(database, "update flyway_schema_history set checksum = checksum + 1 where version = '1'");

    assertThatThrownBy(() -> strategy.migrateIfChanged(flyway())).isInstanceOf(FlywayValidateException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void aHistoryWithoutTheMarkIsValidatedAndThenMarked() throws Exception {
    strategy.migrateIfChanged(flyway());
    TestPostgres.update(database, "comment on table flyway_schema_history is null");

    assertThat(strategy.migrateIfChanged(flyway())).isEqualTo(Outcome.MIGRATED);
    assertThat(strategy.migrateIfChanged(flyway())).isEqualTo(Outcome.UNCHANGED);
  }

  private Flyway flyway() throws IOException {
    ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    return Flyway.configure(loader).dataSource(database.jdbcUrl(), database.username(), database.password())
        .locations("classpath:db/sample").load();
  }

  private void write(String name, String sql) throws IOException {
    Files.writeString(migrations.resolve(name), sql);
  }

  private long count(String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        ResultSet row = c.createStatement().executeQuery(query)) {
      row.next();
      return row.getLong(1);
    }
  }
}
