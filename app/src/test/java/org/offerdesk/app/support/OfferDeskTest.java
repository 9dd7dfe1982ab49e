package org.offerdesk.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;

/**
 * OfferDesk on a real port with its own fresh PostgreSQL database, and a business clock and security time
 * tests can move, each on its own. The
 * embedded sandbox is off unless a test turns it on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"offerdesk.sandbox.enabled=false", "offerdesk.admin-password=demo-password-123",
        "offerdesk.jobs.poll-interval=PT0.1S", "offerdesk.secret-key=offerdesk-tests-only-key-0123456789abcdefXYZ",
        "offerdesk.events.poll-interval=PT0.2S", "offerdesk.offers.sweep-interval=PT2S",
        "offerdesk.renewals.sweep-interval=PT1S"})
@ContextConfiguration(initializers = TestDatabase.class)
@Import(OfferDeskTest.TestClock.class)
public @interface OfferDeskTest {

  @TestConfiguration(proxyBeanMethods = false)
  class TestClock {
    @Bean
    @Primary
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "offerdesk.test.mutable-clock",
        havingValue = "true", matchIfMissing = true)
    MutableClock mutableClock() {
      return new MutableClock();
    }

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "offerdesk.test.mutable-clock",
        havingValue = "true", matchIfMissing = true)
    SecurityTime securityTime() {
      return new SecurityTime();
    }

    /** Security time tests can move; contexts with the real clocks (the sandbox's) keep the wall clock. */
    @Bean
    @Primary
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "offerdesk.test.mutable-clock",
        havingValue = "true", matchIfMissing = true)
    org.offerdesk.app.runtime.SecurityClock testSecurityClock(SecurityTime time) {
      return time.clock();
    }
  }
}
