package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.TestDatabase;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code java -jar offerdesk.jar setup ...}, run in this JVM against a fresh database: it migrates the
 * database, creates the first organization and its admin without a web server, and refuses ever after.
 */
class SetupCommandTest {

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void creates_the_first_organization_once_and_refuses_afterwards() throws SQLException {
    DatabaseUrl db = TestPostgres.newDatabaseForSpring("setupcommand");
    String[] database = {"--offerdesk.database.url=" + db.jdbcUrl(), "--offerdesk.database.username=" + db.username(),
        "--offerdesk.database.password=" + db.password()};

    int weak = run(concat(new String[] {"--org", "Acme Software", "--admin", "jane@acme.example",
        "--password-stdin"}, database), "acmesoftware1");
    assertThat(weak).isEqualTo(SetupRun.INVALID);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("password: ");

    int created = run(concat(new String[] {"--org", "Acme Software, Inc.", "--admin", "Jane@Acme.example",
        "--admin-name", "Jane Doe", "--password-stdin"}, database), "Kangaroo-Battery-Staple-42\n");
    assertThat(created).isEqualTo(SetupRun.CREATED);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Created the organization \"Acme Software, Inc.\" (acme-software-inc) with its admin jane@acme.example")
        .doesNotContain("Kangaroo");
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        ResultSet rs = c.createStatement().executeQuery("""
            SELECT o.name, o.slug, o.kind, u.email, u.display_name, u.role, u.password_hash
            FROM organization o JOIN app_user u ON u.organization_id = o.id""")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("name")).isEqualTo("Acme Software, Inc.");
      assertThat(rs.getString("kind")).isEqualTo("SELLER");
      assertThat(rs.getString("email")).isEqualTo("jane@acme.example");
      assertThat(rs.getString("display_name")).isEqualTo("Jane Doe");
      assertThat(rs.getString("role")).isEqualTo("ADMIN");
      assertThat(new BCryptPasswordEncoder().matches("Kangaroo-Battery-Staple-42", rs.getString("password_hash")))
          .isTrue();
      assertThat(rs.next()).isFalse();
    }

    int again = run(concat(new String[] {"--org", "Other", "--admin", "boss@other.example"}, database), "");
    assertThat(again).isEqualTo(SetupRun.ALREADY_SET_UP);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("OfferDesk is already set up");
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM organization")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
  }

  @Test
  void generates_a_password_when_none_is_given_and_explains_missing_options() {
    assertThat(run(new String[] {"--org", "Acme"}, "")).isEqualTo(SetupRun.INVALID);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Both --org and --admin are needed", "Usage:");

    // Migrating a fresh database is the test above's: this one starts from a copy of the migrated template.
    DatabaseUrl db = TestDatabase.migratedDatabase("setupcommand");
    int created = run(new String[] {"--org", "Acme", "--admin", "jane@acme.example",
        "--offerdesk.database.url=" + db.jdbcUrl(), "--offerdesk.database.username=" + db.username(),
        "--offerdesk.database.password=" + db.password()}, "");
    assertThat(created).isEqualTo(SetupRun.CREATED);
    assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("password \\S{20,} \\(generated; shown only now\\)");
  }

  private int run(String[] args, String stdin) {
    out.reset();
    err.reset();
    return SetupRun.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
