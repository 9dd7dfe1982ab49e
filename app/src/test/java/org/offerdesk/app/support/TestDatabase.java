package org.offerdesk.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives each Spring test context a fresh database on the test JVM's one PostgreSQL server. Each is a
 * copy of a template migrated once per JVM (OfferDesk's schema and the embedded sandbox's), with the
 * settings the applications migrate with, so a context start finds its schema up to date instead of
 * running every migration again.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static String template;

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    DatabaseUrl url = migratedDatabase("offerdesk");
    TestPropertyValues.of(
        "offerdesk.database.url=" + url.jdbcUrl(),
        "offerdesk.database.username=" + url.username(),
        "offerdesk.database.password=" + url.password()).applyTo(context);
  }

  /**
   * A new database already migrated (a copy of the template), for a Spring application in this JVM (see
   * {@link TestPostgres#newDatabaseForSpring(String)}).
   */
  public static DatabaseUrl migratedDatabase(String prefix) {
    return TestPostgres.newDatabaseForSpring(prefix, template());
  }

  private static synchronized String template() {
    if (template == null) {
      DatabaseUrl url = TestPostgres.newDatabase("offerdesk_template");
      migrate(url, "application.properties");
      migrate(url, "sandbox.properties");
      template = url.jdbcUrl().substring(url.jdbcUrl().lastIndexOf('/') + 1).split("\\?")[0];
    }
    return template;
  }

  /** Runs the migrations an application's properties file names, as Spring Boot's Flyway would. */
  private static void migrate(DatabaseUrl url, String propertiesFile) {
    Properties properties = new Properties();
    try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(propertiesFile)) {
      properties.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("Cannot read " + propertiesFile, e);
    }
    var flyway = Flyway.configure().dataSource(url.jdbcUrl(), url.username(), url.password())
        .locations(properties.getProperty("spring.flyway.locations", "classpath:db/migration").split(","));
    String schemas = properties.getProperty("spring.flyway.schemas");
    if (schemas != null) {
      flyway.schemas(schemas.split(","));
    }
    String defaultSchema = properties.getProperty("spring.flyway.default-schema");
    if (defaultSchema != null) {
      flyway.defaultSchema(defaultSchema);
    }
    flyway.load().migrate();
  }
}
