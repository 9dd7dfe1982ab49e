package org.offerdesk.bench.scenarios;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.offerdesk.bench.AppProcess;
import org.offerdesk.bench.Figure;
import org.offerdesk.bench.Scenario;
import org.offerdesk.bench.Settings;
import org.offerdesk.bench.Workbench;

/**
 * P5: OfferDesk's start from its built jar by {@code ./run} (embedded PostgreSQL and sandbox), to
 * health UP: first start on an empty data folder, then a restart on the same folder; the memory of the JVM
 * and of its PostgreSQL once up. (The memory after the P3 load is P3's to report.) The first run after a build
 * records {@code ./run}'s class archive when it stops; when there is none yet, one start on a folder of its own
 * records it first, reported apart and without a goal, so that "first start" is an empty data folder's start
 * and not also the first after a build.
 */
public final class StartScenario implements Scenario {

  @Override
  public String id() {
    return "P5";
  }

  @Override
  public String title() {
    return "start from the built jar to health UP: first start and restart; memory";
  }

  @Override
  public List<Figure> run(Settings settings, Workbench bench) throws Exception {
    List<Double> first = new ArrayList<>();
    List<Double> restart = new ArrayList<>();
    List<Double> rss = new ArrayList<>();
    List<Double> postgres = new ArrayList<>();
    List<Figure> figures = new ArrayList<>();
    if (!hasClassArchive(bench)) {
      try (AppProcess app = AppProcess.start(bench.runCommand(), bench.folder("p5-archive"), Map.of(), List.of())) {
        double recording = app.secondsToReady();
        bench.progress(String.format("  first start after the build (records the class archive): %.1f s", recording));
        figures.add(new Figure("P5", "first start after a build, empty data folder (records the class archive)", "s",
            Figure.Stats.of(List.of(recording)), null, null, null));
      }
    }
    int starts = Math.max(1, settings.repeats() - 1);
    for (int r = 1; r <= starts; r++) {
      Path data = bench.folder("p5-data");
      for (int n = 0; n < 2; n++) {
        try (AppProcess app = AppProcess.start(bench.runCommand(), data, Map.of(), List.of())) {
          (n == 0 ? first : restart).add(app.secondsToReady());
          rss.add(app.jvmRssMb());
          postgres.add(app.postgresPssMb());
        }
      }
      bench.progress(String.format("  start %d/%d: first %.1f s, restart %.1f s, JVM RSS %.0f MB, PostgreSQL %.0f MB",
          r, starts, first.get(r - 1), restart.get(r - 1), rss.get(rss.size() - 1), postgres.get(postgres.size() - 1)));
    }
    Figure.Stats f = Figure.Stats.of(first);
    Figure.Stats re = Figure.Stats.of(restart);
    Figure.Stats mem = Figure.Stats.of(rss);
    figures.add(new Figure("P5", "first start to health UP", "s", f, null, "≤ 15 s", f.median() <= 15));
    figures.add(new Figure("P5", "restart to health UP", "s", re, null, "≤ 8 s", re.median() <= 8));
    figures.add(new Figure("P5", "JVM RSS when up", "MB", mem, null, "≤ 600 MB", mem.median() <= 600));
    figures.add(new Figure("P5", "embedded PostgreSQL memory (PSS) when up", "MB", Figure.Stats.of(postgres), null,
        null, null));
    return figures;
  }

  /** Whether ./run has a class archive for the built jar (recorded, or recorded and checked). */
  private static boolean hasClassArchive(Workbench bench) throws java.io.IOException {
    Path built = bench.runCommand().resolveSibling("app/target/offerdesk.jar");
    Path extracted = built.resolveSibling("offerdesk-run");
    Path jar = extracted.resolve("offerdesk.jar");
    if (!Files.isRegularFile(built) || !Files.isRegularFile(jar)
        || Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(built)) < 0) {
      return false;
    }
    try (var files = Files.list(extracted)) {
      return files.anyMatch(p -> p.getFileName().toString().matches(".*\\.jsa(\\.recorded)?"));
    }
  }
}
