package org.offerdesk.bench.scenarios;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.offerdesk.bench.Figure;
import org.offerdesk.bench.SandboxClients;
import org.offerdesk.bench.Scenario;
import org.offerdesk.bench.Settings;
import org.offerdesk.bench.Workbench;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;

/**
 * P6, the start: the standalone sandbox as its README starts it ({@code sandbox/run}: the jar extracted, with a
 * class archive, and its embedded PostgreSQL) from starting the process to its first answered DescribeEntity
 * through the SDK, on an empty data folder and again on the same folder. The first run after a build records
 * the class archive when it stops; when there is none yet, one start (on a folder of its own, reported apart,
 * without a goal) records it before the measured ones, as P5's first start does for {@code ./run}.
 */
public final class SandboxStartScenario implements Scenario {

  @Override
  public String id() {
    return "P6";
  }

  @Override
  public String title() {
    return "standalone sandbox: start to first answered call";
  }

  @Override
  public List<Figure> run(Settings settings, Workbench bench) throws Exception {
    List<Double> first = new ArrayList<>();
    List<Double> restart = new ArrayList<>();
    List<Figure> figures = new ArrayList<>();
    if (!hasClassArchive(bench)) {
      double recording = standaloneStart(bench, bench.folder("p6-standalone-archive"));
      bench.progress(String.format("  standalone sandbox first start after the build (records its class archive): %.1f s",
          recording));
      figures.add(new Figure("P6", "standalone sandbox first start after a build (records the class archive)", "s",
          Figure.Stats.of(List.of(recording)), null, null, null));
    }
    int starts = Math.max(1, settings.repeats() - 1);
    for (int r = 0; r < starts; r++) {
      Path data = bench.folder("p6-standalone");
      first.add(standaloneStart(bench, data));
      restart.add(standaloneStart(bench, data));
      bench.progress(String.format("  standalone sandbox start %d/%d: first %.1f s, restart %.1f s", r + 1, starts,
          first.get(r), restart.get(r)));
    }
    Figure.Stats f = Figure.Stats.of(first);
    Figure.Stats re = Figure.Stats.of(restart);
    figures.add(new Figure("P6", "standalone sandbox first start to first answered call", "s", f, null, "≤ 6 s",
        f.median() <= 6));
    figures.add(new Figure("P6", "standalone sandbox restart to first answered call", "s", re, null, "≤ 6 s",
        re.median() <= 6));
    return figures;
  }

  /** Whether sandbox/run has a class archive for the built jar (recorded, or recorded and checked). */
  private static boolean hasClassArchive(Workbench bench) throws java.io.IOException {
    Path extracted = bench.sandboxJar().resolveSibling("offerdesk-sandbox-run");
    Path jar = extracted.resolve("offerdesk-sandbox.jar");
    if (!java.nio.file.Files.isRegularFile(jar) || java.nio.file.Files.getLastModifiedTime(jar)
        .compareTo(java.nio.file.Files.getLastModifiedTime(bench.sandboxJar())) < 0) {
      return false;
    }
    try (var files = java.nio.file.Files.list(extracted)) {
      return files.anyMatch(p -> p.getFileName().toString().matches(".*\\.jsa(\\.recorded)?"));
    }
  }

  /** Seconds from starting the standalone jar to its first answered DescribeEntity. */
  private static double standaloneStart(Workbench bench, Path data) throws Exception {
    int port = Workbench.freePort();
    Path runCommand = bench.sandboxRunCommand();
    ProcessBuilder builder = new ProcessBuilder(runCommand.toString()).directory(runCommand.getParent().toFile());
    // sandbox/run starts the JDK first on the PATH: this JVM's, as for ./run in P5.
    builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
        + builder.environment().getOrDefault("PATH", ""));
    builder.environment().put("JAVA_OPTS", "");
    builder.environment().put("OFFERDESK_DATA_DIR", data.toString());
    builder.environment().put("OFFERDESK_SANDBOX_PORT", Integer.toString(port));
    builder.redirectErrorStream(true).redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile());
    long begin = System.nanoTime();
    Process process = builder.start();
    try (MarketplaceCatalogClient client = SandboxClients.catalog(URI.create("http://127.0.0.1:" + port),
        Duration.ofSeconds(5))) {
      long deadline = begin + TimeUnit.MINUTES.toNanos(10);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("The standalone sandbox exited with " + process.exitValue());
        }
        try {
          client.describeEntity(r -> r.catalog(SandboxClients.CATALOG).entityId(SandboxClients.PRODUCT));
          return (System.nanoTime() - begin) / 1e9;
        } catch (RuntimeException notYet) {
          TimeUnit.MILLISECONDS.sleep(20);
        }
      }
      throw new IllegalStateException("The standalone sandbox answered nothing within 10 minutes");
    } finally {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }
}
