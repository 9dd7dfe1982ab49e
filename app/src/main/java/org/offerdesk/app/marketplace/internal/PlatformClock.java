package org.offerdesk.app.marketplace.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one clock of the platform. While OfferDesk runs the embedded sandbox it follows the sandbox's
 * movable clock, so advancing the sandbox clock ({@code POST /sandbox/clock/advance}) makes whatever
 * falls due in OfferDesk run too (auto-registration, reminders, expiries), in tests and demos alike.
 * Otherwise it is the system clock.
 */
@Component("clock")
class PlatformClock extends Clock {

  private final ObjectProvider<EmbeddedSandbox> sandbox;
  private final boolean follow;

  PlatformClock(ObjectProvider<EmbeddedSandbox> sandbox,
      @Value("${offerdesk.sandbox.follow-clock:true}") boolean follow) {
    this.sandbox = sandbox;
    this.follow = follow;
  }

  @Override
  public Instant instant() {
    if (follow) {
      EmbeddedSandbox embedded = sandbox.getIfAvailable();
      if (embedded != null && embedded.server() != null) {
        return embedded.server().clock().instant();
      }
    }
    return Instant.now();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }
}
