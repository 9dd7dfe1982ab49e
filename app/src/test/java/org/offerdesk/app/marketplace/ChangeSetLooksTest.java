package org.offerdesk.app.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a submitted change set is looked at: soon and often alone, rarely when its end comes as an event. */
class ChangeSetLooksTest {

  private static final Instant SUBMITTED = Instant.parse("2026-12-05T12:00:00Z");

  @Test
  void a_change_set_whose_end_is_not_announced_is_looked_at_from_a_quarter_second_on_every_quarter_of_its_age() {
    assertThat(ChangeSetLooks.first(false)).isEqualTo(Duration.ofMillis(250));
    assertThat(ChangeSetLooks.next(SUBMITTED, SUBMITTED.plusMillis(500), Duration.ofSeconds(1), false))
        .isEqualTo(Duration.ofMillis(250));
    assertThat(ChangeSetLooks.next(SUBMITTED, SUBMITTED.plusSeconds(4), Duration.ofSeconds(1), false))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(ChangeSetLooks.next(SUBMITTED, SUBMITTED.plusSeconds(600), Duration.ofSeconds(1), false))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void a_change_set_whose_end_comes_as_an_event_is_looked_at_no_sooner_and_no_closer_than_five_seconds() {
    // 50 change sets submitted at once run several seconds on the sandbox: looks 2 s apart found most of them still
    // applying, one to five times each, before their events asked for the look that finds the end.
    assertThat(ChangeSetLooks.first(true)).isEqualTo(Duration.ofSeconds(5));
    assertThat(ChangeSetLooks.next(SUBMITTED, SUBMITTED.plusSeconds(5), Duration.ofSeconds(1), true))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(ChangeSetLooks.next(SUBMITTED, SUBMITTED.plusSeconds(12), Duration.ofSeconds(1), true))
        .isEqualTo(Duration.ofSeconds(5));
    // Older than 20 s: a quarter of its age, as for every change set.
    assertThat(ChangeSetLooks.next(SUBMITTED, SUBMITTED.plusSeconds(40), Duration.ofSeconds(1), true))
        .isEqualTo(Duration.ofSeconds(10));
    // A job from before the schedule (no submission time) waits its fallback, but never less than the floor.
    assertThat(ChangeSetLooks.next(null, SUBMITTED, Duration.ofSeconds(1), true)).isEqualTo(Duration.ofSeconds(5));
  }
}
