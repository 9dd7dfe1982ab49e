package org.offerdesk.bench;

import java.util.List;

/**
 * One of the suite's headline figures: what it starts, loads and measures, with its baseline, all in one
 * class. A new scenario is a class implementing this and a line in {@link Scenarios}.
 */
public interface Scenario {

  /** The short name used by {@code --only} and in the results ("P3"). */
  String id();

  /** One line saying what is measured against what. */
  String title();

  /** Runs the scenario (warm-up, then {@code settings.repeats()} measured repeats) and returns its figures. */
  List<Figure> run(Settings settings, Workbench bench) throws Exception;
}
