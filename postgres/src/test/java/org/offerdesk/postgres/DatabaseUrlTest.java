package org.offerdesk.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void reads_the_postgres_url_form_with_credentials() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://od:s%40cret@db.example:6543/offerdesk?sslmode=require");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/offerdesk?sslmode=require");
    assertThat(url.username()).isEqualTo("od");
    assertThat(url.password()).isEqualTo("s@cret");
  }

  @Test
  void defaults_the_port_and_keeps_jdbc_urls_as_they_are() {
    assertThat(DatabaseUrl.parse("postgresql://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
    DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://h:5432/db?user=u&password=p");
    assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=p");
    assertThat(jdbc.username()).isNull();
  }

  @Test
  void refuses_what_is_not_postgresql() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://h/db")).hasMessageContaining("DATABASE_URL");
    assertThatThrownBy(() -> DatabaseUrl.parse(" ")).hasMessageContaining("empty");
  }

  @Test
  void redacts_passwords_for_logs() {
    assertThat(DatabaseUrl.redact("postgres://od:secret@h/db")).isEqualTo("postgres://od:****@h/db");
    assertThat(DatabaseUrl.redact("jdbc:postgresql://h/db?user=u&password=secret")).doesNotContain("secret");
  }

  @Test
  void a_postgres_url_reaches_a_real_server() throws Exception {
    DatabaseUrl created = TestPostgres.newDatabase("urltest");
    int port = TestPostgres.server().port();
    String database = created.jdbcUrl().substring(created.jdbcUrl().lastIndexOf('/') + 1).split("\\?")[0];
    DatabaseUrl url = DatabaseUrl.parse("postgres://postgres:postgres@localhost:" + port + "/" + database);
    try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
        ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(database);
    }
  }
}
