package org.offerdesk.app.marketplace;

import java.time.Duration;
import java.time.Instant;

/**
 * When to look at a submitted change set again. A change set takes from about a second (the sandbox) to many
 * minutes (AWS), and the time from its end to OfferDesk's noticing it is at most the gap between two looks:
 * so the first looks come soon and close together, and the gaps grow with the change set's age (a quarter
 * of it), never closer than {@link #FLOOR} (which bounds the looks of many change sets in flight: 50 at
 * once are at most 200 looks a second, each one a job) nor further apart than {@link #CEILING}. A change set
 * of a second is seen within a quarter second of its end, one of five minutes within about a minute and
 * with some 25 looks.
 */
public final class ChangeSetLooks {

  /** The first look after submission, and the closest two looks come. */
  public static final Duration FLOOR = Duration.ofMillis(250);
  /** The furthest apart two looks come. */
  public static final Duration CEILING = Duration.ofSeconds(30);

  private ChangeSetLooks() {}

  /** The wait before the first look at a change set just submitted. */
  public static Duration first() {
    return FLOOR;
  }

  /**
   * The wait before the next look at a change set submitted at {@code submitted} and not done at {@code now};
   * {@code fallback} when its submission time is not known (a job scheduled before this schedule existed).
   */
  public static Duration next(Instant submitted, Instant now, Duration fallback) {
    if (submitted == null) {
      return fallback;
    }
    Duration quarter = Duration.between(submitted, now).dividedBy(4);
    if (quarter.compareTo(FLOOR) < 0) {
      return FLOOR;
    }
    return quarter.compareTo(CEILING) > 0 ? CEILING : quarter;
  }
}
