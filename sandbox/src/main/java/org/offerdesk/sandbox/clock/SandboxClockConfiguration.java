package org.offerdesk.sandbox.clock;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the sandbox. Every business time (change-set steps, agreements' start and end, token
 * expiry, message visibility, expiry by availability date) is read from this bean, which
 * {@code POST /sandbox/clock/advance} moves forward as a whole.
 */
@Configuration(proxyBeanMethods = false)
public class SandboxClockConfiguration {

  @Bean
  SandboxClock sandboxClock() {
    return new SandboxClock(Clock.systemUTC());
  }
}
