package org.offerdesk.sandbox.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real time plus an offset that only grows: the sandbox's one notion of now. Views made with
 * {@link #withZone} follow every later advance, so a process that embeds the sandbox can hand this
 * clock to its own code.
 */
public final class SandboxClock extends Clock {

  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  public SandboxClock(Clock base) {
    this.base = base;
  }

  public Duration offset() {
    return offset.get();
  }

  void restore(Duration stored) {
    offset.set(stored);
  }

  Duration advance(Duration by) {
    if (by.isNegative() || by.isZero()) {
      throw new IllegalArgumentException("The sandbox clock only moves forward: " + by);
    }
    return offset.accumulateAndGet(by, Duration::plus);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    SandboxClock owner = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return owner.withZone(other);
      }

      @Override
      public Instant instant() {
        return owner.instant();
      }
    };
  }
}
