package org.offerdesk.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Loads measured in turn, a figure and its baseline alternating repeat by repeat, so that a noisy
 * neighbour on a shared machine weighs on both alike.
 */
public final class Alternating {

  private final Map<String, Load> loads = new LinkedHashMap<>();
  private int steadyRounds = 1;
  private final Map<String, List<Load.Result>> results = new LinkedHashMap<>();

  public Alternating add(String name, Load load) {
    loads.put(name, load);
    results.put(name, new ArrayList<>());
    return this;
  }

  /**
   * Warms each load up in rounds of the run's warm-up until its rate is steady (within 5% of the round before),
   * at most {@code maxRounds}, instead of one round: for loads whose JIT work outlasts one warm-up.
   */
  public Alternating warmUpUntilSteady(int maxRounds) {
    this.steadyRounds = maxRounds;
    return this;
  }

  /** Warms every load up (once, or until steady), then measures them all in turn {@code settings.repeats()} times. */
  public Alternating run(Settings settings, Workbench bench) throws InterruptedException {
    int rounds = settings.warmupRounds(steadyRounds);
    for (var e : loads.entrySet()) {
      bench.progress("  warm-up " + e.getKey());
      e.getValue().warmUpUntilSteady(settings.warmup(), rounds, r -> {
        if (rounds > 1) {
          bench.progress(String.format("    warm-up round: %.0f/s%s", r.perSecond(), cpu(r)));
        }
      });
    }
    for (int r = 1; r <= settings.repeats(); r++) {
      for (var e : loads.entrySet()) {
        Load.Result result = e.getValue().measure(settings.measure());
        results.get(e.getKey()).add(result);
        bench.progress(String.format("  repeat %d/%d %s: %.0f/s, p50 %.1f ms, p99 %.1f ms (uncorrected %.1f), errors %d%s",
            r, settings.repeats(), e.getKey(), result.perSecond(), result.percentileMs(50), result.percentileMs(99),
            result.rawPercentileMs(99), result.errors(), result.firstError() == null ? "" : " " + result.firstError())
            + cpu(result));
      }
    }
    return this;
  }

  /** One number of each repeat of the load {@code name}. */
  public Figure.Stats stats(String name, ToDoubleFunction<Load.Result> figure) {
    return Figure.Stats.of(results.get(name).stream().map(figure::applyAsDouble).toList());
  }

  private static String cpu(Load.Result r) {
    StringBuilder out = new StringBuilder();
    r.cpuSeconds().keySet().forEach(name -> out.append(String.format(", CPU %s %.3f ms/call", name,
        r.cpuMsPerCall(name))));
    r.counts().keySet().forEach(name -> out.append(String.format(", %s %.1f/call", name, r.countPerCall(name))));
    return out.toString();
  }

  public long errors(String name) {
    return results.get(name).stream().mapToLong(Load.Result::errors).sum();
  }

  public static double p99(Load.Result r) {
    return r.percentileMs(99);
  }

  public static double rate(Load.Result r) {
    return r.perSecond();
  }
}
