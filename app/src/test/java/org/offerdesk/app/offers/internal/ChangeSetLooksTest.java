package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How often a running change set is looked at: soon while it is young, less often as it ages. */
class ChangeSetLooksTest {

  private static final Instant STARTED = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void a_young_change_set_is_looked_at_again_after_a_quarter_of_its_age() {
    assertThat(ChangeSetLooks.next(STARTED, STARTED.plusSeconds(1))).isEqualTo(Duration.ofMillis(250));
    assertThat(ChangeSetLooks.next(STARTED, STARTED.plusSeconds(8))).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void looks_are_never_closer_than_the_shortest_wait() {
    assertThat(ChangeSetLooks.next(STARTED, STARTED)).isEqualTo(ChangeSetLooks.CLOSEST);
    assertThat(ChangeSetLooks.next(STARTED, STARTED.plusMillis(100))).isEqualTo(ChangeSetLooks.CLOSEST);
  }

  @Test
  void an_old_change_set_is_looked_at_every_half_minute() {
    assertThat(ChangeSetLooks.next(STARTED, STARTED.plus(Duration.ofMinutes(10)))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void a_start_from_the_future_waits_the_shortest_wait() {
    assertThat(ChangeSetLooks.next(STARTED, STARTED.minusSeconds(5))).isEqualTo(ChangeSetLooks.CLOSEST);
  }

  @Test
  void a_follow_up_without_its_start_looks_every_half_second_as_before() {
    assertThat(ChangeSetLooks.next(null, STARTED)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void a_one_second_change_set_is_seen_done_within_a_quarter_of_its_duration() {
    Instant look = STARTED.plus(ChangeSetLooks.FIRST);
    while (look.isBefore(STARTED.plusSeconds(1))) {
      look = look.plus(ChangeSetLooks.next(STARTED, look));
    }
    assertThat(Duration.between(STARTED.plusSeconds(1), look)).isLessThanOrEqualTo(Duration.ofMillis(250));
  }
}
