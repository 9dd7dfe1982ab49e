package org.offerdesk.sandbox.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Durations and periods of an advance, and a clock that only moves forward and carries its views along. */
class TimeKeeperTest {

  @Test
  void readsDurationsAndCalendarPeriods() {
    Instant jan31 = Instant.parse("2026-01-31T10:00:00Z");
    assertThat(TimeKeeper.parse("P30D", jan31)).isEqualTo(Duration.ofDays(30));
    assertThat(TimeKeeper.parse("PT2H", jan31)).isEqualTo(Duration.ofHours(2));
    assertThat(TimeKeeper.parse("P1M", jan31)).isEqualTo(Duration.ofDays(28));
    assertThatThrownBy(() -> TimeKeeper.parse("soon", jan31)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theClockAndItsViewsFollowEveryAdvance() {
    SandboxClock clock = new SandboxClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    Clock view = clock.withZone(ZoneOffset.ofHours(2));
    clock.advance(Duration.ofDays(3));
    assertThat(view.instant()).isEqualTo(Instant.parse("2026-01-04T00:00:00Z"));
    assertThat(clock.offset()).isEqualTo(Duration.ofDays(3));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
