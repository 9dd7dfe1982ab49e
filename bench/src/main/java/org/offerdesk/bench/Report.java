package org.offerdesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one run: the machine, the settings, every figure with its baseline, ratio and goal, and
 * the scenarios that failed to run. Written as Markdown (for people and the README) and JSON (for tools).
 */
public record Report(Instant at, String commit, Machine machine, Settings settings, List<Figure> figures,
    Map<String, String> failures) {

  /** The Markdown table of the figures, as printed at the end and kept in the README. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append("| # | Figure | Median | Min – max | Baseline (median) | Ratio | Goal | Pass |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Figure f : figures) {
      out.append("| ").append(f.scenario()).append(" | ").append(f.name()).append(" | ")
          .append(number(f.value().median())).append(' ').append(f.unit()).append(" | ")
          .append(number(f.value().min())).append(" – ").append(number(f.value().max())).append(" | ")
          .append(f.baseline() == null ? "–" : number(f.baseline().median()) + " " + f.unit()).append(" | ")
          .append(f.ratio() == null ? "–" : String.format(Locale.ROOT, "%.2f", f.ratio())).append(" | ")
          .append(f.goal() == null ? "–" : f.goal()).append(" | ")
          .append(f.pass() == null ? "–" : f.pass() ? "yes" : "**no**").append(" |\n");
    }
    failures.forEach((id, why) -> out.append("| ").append(id).append(" | did not run: ").append(why.replace('|', '/'))
        .append(" | | | | | | **no** |\n"));
    return out.toString();
  }

  public String markdown() {
    return "# OfferDesk benchmark results\n\n"
        + "Run `" + settings.name() + "` at " + at + " on commit `" + commit + "`.\n\n"
        + "Machine: " + machine.cores() + " cores (" + machine.cpu() + "), " + machine.memoryMb() + " MB memory, "
        + machine.jdk() + ", " + machine.os() + ", " + machine.postgres() + "; load average at the end "
        + String.format(Locale.ROOT, "%.1f", machine.loadAverage()) + ".\n\n"
        + "Settings: " + settings.sellers() + " sellers, " + settings.offers() + " offers, warm-up "
        + settings.warmup().toSeconds() + " s and " + settings.repeats() + " repeats of "
        + settings.measure().toSeconds() + " s per load. Latencies are corrected for coordinated omission "
        + "(HdrHistogram, expected interval = the warm-up's mean latency)."
        + (System.getenv().getOrDefault("BENCH_JAVA_OPTS", "").isBlank() ? ""
            : " OfferDesk's extra JVM options (BENCH_JAVA_OPTS): `" + System.getenv("BENCH_JAVA_OPTS").strip() + "`.")
        + "\n\n"
        + table();
  }

  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", at.toString());
    json.put("commit", commit);
    json.put("machine", machine);
    json.put("settings", Map.of("name", settings.name(), "sellers", settings.sellers(), "offers", settings.offers(),
        "warmupSeconds", settings.warmup().toMillis() / 1000.0, "measureSeconds", settings.measure().toMillis() / 1000.0,
        "repeats", settings.repeats()));
    json.put("latency", "closed loop, HdrHistogram corrected for coordinated omission");
    json.put("figures", figures.stream().map(f -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scenario", f.scenario());
      m.put("name", f.name());
      m.put("unit", f.unit());
      m.put("value", f.value());
      m.put("baseline", f.baseline());
      m.put("ratio", f.ratio());
      m.put("goal", f.goal());
      m.put("pass", f.pass());
      return m;
    }).toList());
    json.put("failures", failures);
    return json;
  }

  /** Writes {@code <date>-<commit>.md} and {@code .json} into {@code folder}; returns the Markdown file. */
  public Path write(Path folder) throws IOException {
    Files.createDirectories(folder);
    String base = at.toString().substring(0, 10) + "-" + commit;
    Path md = folder.resolve(base + ".md");
    Files.writeString(md, markdown());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(folder.resolve(base + ".json").toFile(), json());
    return md;
  }

  static String number(double v) {
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
