package org.offerdesk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OfferDesk's built jar started by the repository's {@code ./run}, as users start it (its JVM options, the
 * extracted jar, the class archive), in a process of its own on free loopback ports, with its output in a log
 * file.
 */
public final class AppProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final int sandboxPort;
  private final Path log;
  private final long readyNanos;
  private final Path postgresData;

  private AppProcess(Process process, int port, int sandboxPort, Path log, long readyNanos, Path postgresData) {
    this.postgresData = postgresData;
    this.process = process;
    this.port = port;
    this.sandboxPort = sandboxPort;
    this.log = log;
    this.readyNanos = readyNanos;
  }

  /**
   * Starts {@code ./run} with {@code env} added to the environment (ports and data folder are set here;
   * {@code jvmOptions}, if any, then those in the environment variable {@code BENCH_JAVA_OPTS}, as
   * {@code JAVA_OPTS}, which come after ./run's own) and waits until
   * {@code /actuator/health} answers UP. The JDK is the one this JVM runs on, first on the PATH.
   */
  public static AppProcess start(Path runCommand, Path dataDir, Map<String, String> env, List<String> jvmOptions)
      throws IOException, InterruptedException {
    int port = Workbench.freePort();
    int sandboxPort = Workbench.freePort();
    ProcessBuilder builder = new ProcessBuilder(runCommand.toString()).directory(runCommand.getParent().toFile());
    builder.environment().put("PATH", Path.of(javaBinary()).getParent() + java.io.File.pathSeparator
        + builder.environment().getOrDefault("PATH", ""));
    // BENCH_JAVA_OPTS: JVM options to try on every OfferDesk the run starts (a JIT setting, say), beside ./run's.
    String tried = System.getenv().getOrDefault("BENCH_JAVA_OPTS", "").strip();
    builder.environment().put("JAVA_OPTS", (String.join(" ", jvmOptions) + " " + tried).strip());
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("SERVER_PORT", Integer.toString(port));
    builder.environment().put("OFFERDESK_SANDBOX_PORT", Integer.toString(sandboxPort));
    builder.environment().put("OFFERDESK_DATA_DIR", dataDir.toString());
    Path postgresData = dataDir.resolve("postgres");
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      waitForHealth(process, URI.create("http://127.0.0.1:" + port + "/actuator/health"), log);
    } catch (IOException | RuntimeException | InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroyForcibly();
      throw e;
    }
    return new AppProcess(process, port, sandboxPort, log, System.nanoTime() - start, postgresData);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void waitForHealth(Process process, URI health, Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("OfferDesk exited with " + process.exitValue() + "; last log lines:\n"
            + tail(log));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new IllegalStateException("OfferDesk was not UP within 15 minutes; last log lines:\n" + tail(log));
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public URI sandbox() {
    return URI.create("http://127.0.0.1:" + sandboxPort);
  }

  /** The JVM's process ID ({@code ./run} execs {@code java}, so it is the process started here). */
  public long pid() {
    return process.pid();
  }

  /** From starting the process to health UP. */
  public double secondsToReady() {
    return readyNanos / 1e9;
  }

  public Path log() {
    return log;
  }

  /** The CPU time the JVM has used so far (every thread, JIT and GC included), seconds. */
  public double jvmCpuSeconds() {
    return ProcessCpu.seconds(process.pid(), false);
  }

  /** The JVM's resident memory now, in MB. */
  public double jvmRssMb() {
    return ProcessMemory.rssMb(process.pid());
  }

  /**
   * The embedded PostgreSQL's memory (its processes' proportional set size, shared memory counted once): its
   * postmaster is found by its data folder ({@code pg_ctl} starts it outside the JVM's process tree), then
   * the postmaster's children. Zero when OfferDesk runs on another server ({@code DATABASE_URL}).
   */
  public double postgresPssMb() {
    String folder = postgresData.toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(folder)).orElse(false))
        .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
        .distinct()
        .mapToDouble(p -> ProcessMemory.pssMb(p.pid()))
        .sum();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
