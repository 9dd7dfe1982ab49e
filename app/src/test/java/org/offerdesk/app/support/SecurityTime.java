package org.offerdesk.app.support;

import java.time.Duration;
import org.offerdesk.app.runtime.SecurityClock;

/**
 * Security time that tests move forward instead of waiting (to pass a token's expiry or a lockout). It is
 * apart from the business {@link MutableClock}: moving one never moves the other, as in the product.
 */
public final class SecurityTime {

  private final MutableClock wall = new MutableClock();
  private final SecurityClock clock = SecurityClock.forTesting(wall);

  public void advance(Duration by) {
    wall.advance(by);
  }

  public SecurityClock clock() {
    return clock;
  }
}
