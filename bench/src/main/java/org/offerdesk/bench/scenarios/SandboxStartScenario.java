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
 * P6, the start: the standalone sandbox ({@code java -jar sandbox/target/offerdesk-sandbox.jar}, with its
 * embedded PostgreSQL) from starting the process to its first answered DescribeEntity through the SDK, on an
 * empty data folder and again on the same folder.
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
    return List.of(
        new Figure("P6", "standalone sandbox first start to first answered call", "s", f, null, "≤ 6 s",
            f.median() <= 6),
        new Figure("P6", "standalone sandbox restart to first answered call", "s", re, null, "≤ 6 s",
            re.median() <= 6));
  }

  /** Seconds from starting the standalone jar to its first answered DescribeEntity. */
  private static double standaloneStart(Workbench bench, Path data) throws Exception {
    int port = Workbench.freePort();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", bench.sandboxJar().toString());
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
