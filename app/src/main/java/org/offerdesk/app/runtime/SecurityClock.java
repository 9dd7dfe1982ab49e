package org.offerdesk.app.runtime;

import java.time.Clock;
import java.time.Instant;

/**
 * Security time: token expiry, session lifetime, sign-in lockouts, rate limits, webhook signature
 * timestamps and audit timestamps. It is always the wall clock, whatever the business clock does. It is
 * a type of its own (not a {@link Clock}) so that a security component cannot be handed the movable
 * business clock by mistake.
 */
public final class SecurityClock {

  private final Clock wall;

  private SecurityClock(Clock wall) {
    this.wall = wall;
  }

  /** The wall clock in UTC: what every running OfferDesk uses. */
  public static SecurityClock system() {
    return new SecurityClock(Clock.systemUTC());
  }

  /**
   * Tests only: security time read from the given clock (for example to pass a token's expiry without
   * waiting). Production code never calls this.
   */
  public static SecurityClock forTesting(Clock clock) {
    return new SecurityClock(clock);
  }

  public Instant now() {
    return wall.instant();
  }

  public long millis() {
    return wall.millis();
  }
}
