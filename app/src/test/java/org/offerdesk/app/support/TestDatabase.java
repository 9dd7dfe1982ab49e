package org.offerdesk.app.support;

import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Gives each Spring test context a fresh database on the test JVM's one PostgreSQL server. */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    DatabaseUrl url = TestPostgres.newDatabaseForSpring("offerdesk");
    TestPropertyValues.of(
        "offerdesk.database.url=" + url.jdbcUrl(),
        "offerdesk.database.username=" + url.username(),
        "offerdesk.database.password=" + url.password()).applyTo(context);
  }
}
