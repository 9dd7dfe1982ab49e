package org.offerdesk.app.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.runtime.SecurityClock;
import org.offerdesk.app.support.MutableClock;

class AttemptLimitTest {

  final MutableClock time = new MutableClock();
  final AttemptLimit limit = new AttemptLimit(SecurityClock.forTesting(time), 2, Duration.ofMinutes(10));

  @Test
  void a_key_waits_until_its_oldest_counted_attempt_leaves_the_window() {
    limit.record("10.0.0.1");
    time.advance(Duration.ofMinutes(4));
    assertThat(limit.retryAfter("10.0.0.1")).isEmpty();
    limit.record("10.0.0.1");
    assertThat(limit.retryAfter("10.0.0.1")).hasValueSatisfying(wait ->
        assertThat(wait).isBetween(Duration.ofMinutes(6).minusSeconds(1), Duration.ofMinutes(6)));
    assertThat(limit.retryAfter("10.0.0.2")).isEmpty();

    time.advance(Duration.ofMinutes(6).plusSeconds(1));
    assertThat(limit.retryAfter("10.0.0.1")).isEmpty();
    limit.record("10.0.0.1");
    assertThat(limit.retryAfter("10.0.0.1")).isPresent();
  }

  @Test
  void retry_after_is_whole_seconds_rounded_up() {
    assertThat(AttemptLimit.seconds(Duration.ofMillis(1500))).isEqualTo(2);
    assertThat(AttemptLimit.seconds(Duration.ZERO)).isEqualTo(1);
    assertThat(AttemptLimit.seconds(Duration.ofMinutes(15))).isEqualTo(900);
  }
}
