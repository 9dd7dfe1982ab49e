package org.offerdesk.sandbox.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How long a background loop sleeps for a sandbox time: the real time until it on a clock moved forward. */
class AlarmTest {

  private final Instant realNow = Instant.parse("2026-12-05T12:00:00Z");
  private final SandboxClock clock = new SandboxClock(Clock.fixed(realNow, ZoneOffset.UTC));

  @Test
  void aDueTimeOnAMovedClockIsWaitedForInRealTimeRoundedUp() {
    clock.advance(Duration.ofDays(30));
    Instant due = clock.instant().plusMillis(1500).plusNanos(1);
    assertThat(Alarm.millisUntil(due, clock, 60_000)).isEqualTo(1501);
  }

  @Test
  void aDueTimeThatHasComeIsNotWaitedFor() {
    assertThat(Alarm.millisUntil(realNow, clock, 60_000)).isZero();
    clock.advance(Duration.ofHours(1)); // a move past a due time
    assertThat(Alarm.millisUntil(realNow.plusSeconds(60), clock, 60_000)).isZero();
  }

  @Test
  void aFarDueTimeWaitsNoLongerThanTheRecheck() {
    assertThat(Alarm.millisUntil(realNow.plus(Duration.ofDays(365)), clock, 1000)).isEqualTo(1000);
  }

  @Test
  void aSignalBeforeTheWaitEndsItAtOnce() throws InterruptedException {
    Alarm alarm = new Alarm();
    long seen = alarm.seen();
    alarm.signal();
    assertThat(alarm.await(seen, 600_000)).isTrue();
    assertThat(alarm.await(alarm.seen(), 1)).isFalse();
  }
}
