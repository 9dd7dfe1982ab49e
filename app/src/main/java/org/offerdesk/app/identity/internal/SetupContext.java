package org.offerdesk.app.identity.internal;

import java.time.Clock;
import javax.sql.DataSource;
import org.offerdesk.app.runtime.SecurityClock;
import org.offerdesk.postgres.PostgresAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Just enough of OfferDesk for the {@code setup} command: the configured database (migrated) and what
 * creates the first organization. No web server, no jobs, no marketplace, no sandbox. Deliberately not a
 * {@code @Configuration}: the server's component scan must not pick it up.
 */
@ImportAutoConfiguration({PostgresAutoConfiguration.class, FlywayAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class})
@Import({FirstRunSetup.class, Organizations.class, Members.class, JdbcAuditLog.class})
class SetupContext {

  @Bean
  JdbcClient jdbcClient(DataSource dataSource) {
    return JdbcClient.create(dataSource);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Audit timestamps are security time: the wall clock. */
  @Bean
  SecurityClock securityClock() {
    return SecurityClock.system();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }
}
