package org.offerdesk.app.offers.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * When OfferDesk looks at a submitted change set again. A change set takes from about a second (the sandbox)
 * to minutes (AWS): the first look comes soon after it was started, then each wait is a quarter of the change
 * set's age, so a quick change set is seen done within a quarter of its duration and a slow one costs few
 * calls; never more than half a minute apart, never closer than {@link #CLOSEST}.
 */
final class ChangeSetLooks {

  /** The first look, after the change set was started. */
  static final Duration FIRST = Duration.ofMillis(250);
  /** The longest wait between two looks. */
  static final Duration LONGEST = Duration.ofSeconds(30);
  /** The shortest wait between two looks. */
  static final Duration CLOSEST = Duration.ofMillis(50);

  private ChangeSetLooks() {}

  /**
   * How long to wait before the next look at a change set started at {@code startedAt} and still running at
   * {@code now} (both wall-clock time); {@code startedAt} null (a follow-up scheduled before looks backed off) waits the old fixed
   * half second.
   */
  static Duration next(Instant startedAt, Instant now) {
    if (startedAt == null) {
      return OfferPublishing.POLL;
    }
    Duration quarter = Duration.between(startedAt, now).dividedBy(4);
    if (quarter.compareTo(CLOSEST) < 0) {
      return CLOSEST;
    }
    return quarter.compareTo(LONGEST) > 0 ? LONGEST : quarter;
  }
}
