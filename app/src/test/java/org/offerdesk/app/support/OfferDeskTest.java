package org.offerdesk.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
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
 *
 * <p>Every class annotated exactly {@code @OfferDeskTest} shares one Spring context, started once per run
 * (a context start costs several seconds). To stay in it: add no {@code @TestPropertySource},
 * {@code @DirtiesContext}, {@code @MockitoBean} or {@code @Import} to the class; make your own tenant
 * ({@code TestTenants}) and assert only on its rows; move the {@link MutableClock} and {@link SecurityTime}
 * forward only, and rely only on times relative to now. When the class is done, the organizations it
 * connected to the marketplace are disconnected ({@link DisconnectAfterClass}): never share one between
 * classes. A setting a test needs that does not hurt the others belongs in the properties below (the demo's bootstrap token, the operations token and the short
 * webhook connect timeout are there for that reason), not on the class. The demo organizations exist, without
 * their seeded history ({@code offerdesk.demo.data=none}); a reset seeds the smallest story (every fate once). Tests on the embedded sandbox use
 * {@link SandboxTest}, those that move its clock {@link SandboxClockTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"offerdesk.sandbox.enabled=false", "offerdesk.admin-password=demo-password-123",
        "offerdesk.jobs.poll-interval=PT0.1S", "offerdesk.secret-key=offerdesk-tests-only-key-0123456789abcdefXYZ",
        "offerdesk.events.poll-interval=PT0.2S", "offerdesk.offers.sweep-interval=PT2S",
        "offerdesk.renewals.sweep-interval=PT1S", "offerdesk.partners.authorization-sweep-interval=PT3S",
        "offerdesk.bootstrap-token=" + OfferDeskTest.BOOTSTRAP_TOKEN,
        "offerdesk.bootstrap-reseller-token=" + OfferDeskTest.RESELLER_BOOTSTRAP_TOKEN,
        "offerdesk.metrics-token=" + OfferDeskTest.METRICS_TOKEN,
        "offerdesk.webhooks.connect-timeout=PT2S", "offerdesk.demo.data=none",
        "offerdesk.demo.deals=15", "offerdesk.demo.days=60"})
@AutoConfigureObservability
@ContextConfiguration(initializers = TestDatabase.class)
@Import({OfferDeskTest.TestClock.class, OfferDeskTest.QuickHashing.class})
@ExtendWith(DisconnectAfterClass.class)
@Tag(SandboxLane.SPRING_CONTEXT_TAG)
public @interface OfferDeskTest {

  /** The secret of the demo seller's API token configured for automation ({@code OFFERDESK_BOOTSTRAP_TOKEN}). */
  String BOOTSTRAP_TOKEN = "od_bootstrap-for-automation-42";

  /** The secret of Demo Reseller's API token for automation ({@code OFFERDESK_BOOTSTRAP_RESELLER_TOKEN}). */
  String RESELLER_BOOTSTRAP_TOKEN = "od_reseller-bootstrap-for-automation-7";

  /** The operations token for health details and metrics ({@code OFFERDESK_METRICS_TOKEN}). */
  String METRICS_TOKEN = "ops-token-for-tests-0123456789";

  /**
   * Password hashes made in the test contexts (the demo admins' at every context start, users added through the
   * API) cost BCrypt 4 instead of the application's 10 (about 0.08 CPU-s a hash on the test JVMs' quick JIT;
   * {@code SecurityConfigurationTest} pins the application's own cost). Checking reads the cost from the hash, as
   * the application's encoder does, so sign-in works the same.
   */
  @TestConfiguration(proxyBeanMethods = false)
  class QuickHashing {
    @Bean
    @Primary
    org.springframework.security.crypto.password.PasswordEncoder quickPasswordEncoder() {
      return new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4);
    }
  }

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
