package org.offerdesk.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark suite's command ({@code bench/run}): runs the scenarios the settings ask for, one after the
 * other, and writes their figures to {@code bench/results/<date>-<commit>.md} and {@code .json}.
 *
 * <p>Arguments: {@code [--quick] [--only P3,P6] [--repeats N] [--root DIR] [--results DIR] [--commit ID]};
 * {@code --repeats} measures each figure N times instead of the size's default (with either size).
 */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.full();
    Set<String> only = new LinkedHashSet<>();
    Path root = Path.of(".");
    Path results = null;
    String commit = "unknown";
    Integer repeats = null;
    Integer offers = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> settings = Settings.quick();
        case "--only" -> only.addAll(Arrays.asList(args[++i].toUpperCase().split(",")));
        case "--root" -> root = Path.of(args[++i]);
        case "--results" -> results = Path.of(args[++i]);
        case "--commit" -> commit = args[++i];
        case "--repeats" -> repeats = Integer.valueOf(args[++i]);
        case "--offers" -> offers = Integer.valueOf(args[++i]);
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]
            + " (use --quick, --only P1,P3,..., --repeats N, --offers N)");
      }
    }
    if (repeats != null) {
      settings = new Settings(settings.name(), settings.sellers(), settings.offers(), settings.warmup(),
          settings.measure(), repeats, settings.only());
    }
    if (offers != null) {
      // the data's scale (offers; P4's billing rows and P2's rounds scale with it) between --quick and the full run
      settings = new Settings(settings.name() + "-" + offers, settings.sellers(), offers, settings.warmup(),
          settings.measure(), settings.repeats(), settings.only());
    }
    Report report = run(settings.only(only), root, commit);
    Path written = report.write(results == null ? root.resolve("bench/results") : results);
    System.out.println();
    System.out.println(report.table());
    System.out.println("Written to " + written + " (and .json)");
    System.exit(0);
  }

  /** Runs the scenarios {@code settings} selects against the build under {@code root}. */
  public static Report run(Settings settings, Path root, String commit) throws Exception {
    return run(settings, root, commit, Scenarios.all());
  }

  /** Runs those of {@code scenarios} that {@code settings} selects. */
  public static Report run(Settings settings, Path root, String commit, List<Scenario> scenarios) throws Exception {
    List<Figure> figures = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    try (Workbench bench = new Workbench(root)) {
      List<Scenario> chosen = scenarios.stream().filter(settings::runs).toList();
      int n = 0;
      for (Scenario scenario : chosen) {
        n++;
        bench.progress("scenario " + scenario.id() + " (" + n + " of " + chosen.size() + "): " + scenario.title());
        long start = System.nanoTime();
        try {
          List<Figure> got = scenario.run(settings, bench);
          figures.addAll(got);
          got.forEach(f -> bench.progress("  " + f.name() + ": " + Report.number(f.value().median()) + " " + f.unit()
              + (f.baseline() == null ? "" : " (baseline " + Report.number(f.baseline().median()) + ")")
              + (f.pass() == null ? "" : f.pass() ? " pass" : " MISS")));
        } catch (Exception | AssertionError e) {
          e.printStackTrace();
          failures.put(scenario.id(), String.valueOf(e));
        }
        bench.progress("scenario " + scenario.id() + " took " + (System.nanoTime() - start) / 1_000_000_000 + " s");
      }
      return new Report(Instant.now(), commit, Machine.here(bench.postgresVersion()), settings, figures, failures);
    }
  }
}
