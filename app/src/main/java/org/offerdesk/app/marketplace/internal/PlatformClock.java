package org.offerdesk.app.marketplace.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.offerdesk.app.runtime.RunMode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform's business clock: due dates, auto-registration, reminders, expiries. In production it is
 * the system clock, always. In the demo it follows a marketplace sandbox's movable clock, so advancing
 * that clock ({@code POST /sandbox/clock/advance}) makes whatever falls due in OfferDesk run too: a
 * standalone sandbox's when {@code OFFERDESK_SANDBOX_CLOCK_URL} names one ({@link StandaloneSandboxClock}),
 * otherwise the embedded sandbox's. Security time never comes from here: it is
 * {@link org.offerdesk.app.runtime.SecurityClock}, a type of its own.
 */
@Component("clock")
class PlatformClock extends Clock implements SmartInitializingSingleton {

  private final RunMode mode;
  private final ObjectProvider<EmbeddedSandbox> embedded;
  private final ObjectProvider<StandaloneSandboxClock> standalone;
  private final boolean follow;
  /**
   * The sandboxes as found once every singleton exists: asking the providers on every reading was a bean
   * factory lookup each time (about 6% of a dashboard request's CPU). Until then each reading asks them.
   */
  private volatile Sandboxes found;

  private record Sandboxes(StandaloneSandboxClock standalone, EmbeddedSandbox embedded) {}

  PlatformClock(RunMode mode, ObjectProvider<EmbeddedSandbox> embedded,
      ObjectProvider<StandaloneSandboxClock> standalone,
      @Value("${offerdesk.sandbox.follow-clock:true}") boolean follow) {
    this.mode = mode;
    this.embedded = embedded;
    this.standalone = standalone;
    this.follow = follow;
  }

  @Override
  public Instant instant() {
    if (mode.isProduction() || !follow) {
      return Instant.now();
    }
    Sandboxes sandboxes = found;
    StandaloneSandboxClock remote = sandboxes != null ? sandboxes.standalone() : standalone.getIfAvailable();
    if (remote != null) {
      return remote.instant();
    }
    EmbeddedSandbox local = sandboxes != null ? sandboxes.embedded() : embedded.getIfAvailable();
    if (local != null && local.server() != null) {
      return local.server().clock().instant();
    }
    return Instant.now();
  }

  @Override
  public void afterSingletonsInstantiated() {
    found = new Sandboxes(standalone.getIfAvailable(), embedded.getIfAvailable());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** A view in another zone that keeps following this clock (never a frozen copy of its current time). */
  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(ZoneOffset.UTC) ? this : new Zoned(this, zone);
  }

  private static final class Zoned extends Clock {
    private final PlatformClock platform;
    private final ZoneId zone;

    Zoned(PlatformClock platform, ZoneId zone) {
      this.platform = platform;
      this.zone = zone;
    }

    @Override
    public Instant instant() {
      return platform.instant();
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return platform.withZone(other);
    }
  }
}
