package org.offerdesk.sandbox.clock;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the sandbox. Every business time (change-set start and end, last-modified dates,
 * expiry by availability date, due times of change-set steps) is read from this bean, so that it can
 * later be moved forward as a whole.
 */
@Configuration(proxyBeanMethods = false)
public class SandboxClockConfiguration {

  @Bean
  Clock sandboxClock() {
    return Clock.systemUTC();
  }
}
