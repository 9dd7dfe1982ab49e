package org.offerdesk.app.runtime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The run mode, the security clock and how Flyway migrates at start, as beans. */
@Configuration(proxyBeanMethods = false)
class RuntimeConfiguration {

  @Bean
  RunMode runMode(@Value("${" + RunMode.PROPERTY + ":demo}") String mode) {
    return RunMode.parse(mode);
  }

  @Bean
  SecurityClock securityClock() {
    return SecurityClock.system();
  }

  /** Flyway's migrate at start, skipped when the migrations and the schema history are those it last validated. */
  @Bean
  UnchangedMigrations unchangedMigrations() {
    return new UnchangedMigrations();
  }
}
