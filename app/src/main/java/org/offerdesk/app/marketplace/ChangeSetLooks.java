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
 * with some 25 looks. When the organization's change-set ends come as events ({@link ChangeSetAnnouncements}), the
 * event makes the look that finds the end, and the looks are only the fallback for a lost event: they start at
 * {@link #ANNOUNCED_FLOOR} and never come closer than it (50 change sets of a second in flight then take about 50
 * looks, the ones their events ask for, instead of some 300). That floor is 5 s, not 2: 50 change sets submitted at
 * once ran 1.3 to 14 s (the round's median) on the embedded sandbox of a loaded 2-core machine, and with looks 2 s apart
 * each one running longer than 2 s took a look every 2 s that found it still applying (a job claim, an offer read,
 * DescribeChangeSet signed and answered, a RetryLater write each) before its event asked for the one that finds its
 * end. A lost event now costs at most 5 s (a quarter of the change set's age once it is older than 20 s, as before).
 */
public final class ChangeSetLooks {

  /** The first look after submission, and the closest two looks come. */
  public static final Duration FLOOR = Duration.ofMillis(250);
  /** The first look, and the closest two looks come, at a change set whose end the marketplace announces. */
  public static final Duration ANNOUNCED_FLOOR = Duration.ofSeconds(5);
  /** The furthest apart two looks come. */
  public static final Duration CEILING = Duration.ofSeconds(30);

  private ChangeSetLooks() {}

  /** The wait before the first look at a change set just submitted. */
  public static Duration first() {
    return FLOOR;
  }

  /** The wait before the first look, {@code announced} when the change set's end will come as an event too. */
  public static Duration first(boolean announced) {
    return announced ? ANNOUNCED_FLOOR : FLOOR;
  }

  /**
   * The wait before the next look at a change set submitted at {@code submitted} and not done at {@code now};
   * {@code fallback} when its submission time is not known (a job scheduled before this schedule existed).
   */
  public static Duration next(Instant submitted, Instant now, Duration fallback) {
    return next(submitted, now, fallback, false);
  }

  /**
   * The same, {@code announced} when the change set's end will come as an event too: then never closer than
   * {@link #ANNOUNCED_FLOOR} (a fallback of at least that, too).
   */
  public static Duration next(Instant submitted, Instant now, Duration fallback, boolean announced) {
    Duration floor = announced ? ANNOUNCED_FLOOR : FLOOR;
    if (submitted == null) {
      return fallback.compareTo(floor) < 0 ? floor : fallback;
    }
    Duration quarter = Duration.between(submitted, now).dividedBy(4);
    if (quarter.compareTo(floor) < 0) {
      return floor;
    }
    return quarter.compareTo(CEILING) > 0 ? CEILING : quarter;
  }
}
