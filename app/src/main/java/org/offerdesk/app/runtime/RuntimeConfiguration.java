package org.offerdesk.app.runtime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The run mode and the security clock as beans. */
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
}
