package org.offerdesk.bench;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How big and how long a run is: the full suite, {@code --quick} (about two minutes) or the test's tiny run.
 *
 * @param name        "full", "quick" or "tiny", written into the results
 * @param sellers     organizations the offers are spread across
 * @param offers      offers loaded for the offers-list scenario (about {@code offers / sellers} each)
 * @param warmup      how long each load runs before it is measured
 * @param measure     how long each measured repeat runs
 * @param repeats     measured repeats per figure (min, median and max are over these)
 * @param only        scenario IDs to run; empty for all
 */
public record Settings(String name, int sellers, int offers, Duration warmup, Duration measure, int repeats,
    Set<String> only) {

  public static Settings full() {
    return new Settings("full", 1_000, 1_000_000, Duration.ofSeconds(20), Duration.ofSeconds(20), 3, Set.of());
  }

  public static Settings quick() {
    return new Settings("quick", 100, 50_000, Duration.ofSeconds(4), Duration.ofSeconds(4), 2, Set.of());
  }

  /**
   * The smallest run there is, for the test that keeps the harness from rotting: no figure means anything, so each
   * load runs a tenth of a second (at least one call a client) and warms up once ({@link #warmupRounds}).
   */
  public static Settings tiny() {
    return new Settings(TINY, 3, 300, Duration.ofMillis(100), Duration.ofMillis(100), 1, Set.of());
  }

  private static final String TINY = "tiny";

  /**
   * How many warm-up rounds a load that warms up until its rate is steady may take: {@code wanted}, or one in the
   * tiny run (whose rates mean nothing; six rounds there were most of the harness test's load).
   */
  public int warmupRounds(int wanted) {
    return TINY.equals(name) ? 1 : wanted;
  }

  public Settings only(Set<String> ids) {
    return new Settings(name, sellers, offers, warmup, measure, repeats, new LinkedHashSet<>(ids));
  }

  public boolean runs(Scenario scenario) {
    return only.isEmpty() || only.contains(scenario.id());
  }

  /** The smaller of the full figure and a count scaled like this run's offers (for publishers, events...). */
  public int scaled(int full, int floor) {
    return Math.max(floor, (int) ((long) full * offers / 1_000_000L));
  }
}
