package org.offerdesk.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OfferDesk's built jar started as {@code ./run} starts it ({@code java -jar app/target/offerdesk.jar}), in
 * a process of its own on free loopback ports, with its output in a log file.
 */
public final class AppProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final int sandboxPort;
  private final Path log;
  private final long readyNanos;

  private AppProcess(Process process, int port, int sandboxPort, Path log, long readyNanos) {
    this.process = process;
    this.port = port;
    this.sandboxPort = sandboxPort;
    this.log = log;
    this.readyNanos = readyNanos;
  }

  /**
   * Starts the jar with {@code env} added to the environment (ports and data folder are set here) and
   * waits until {@code /actuator/health} answers UP.
   */
  public static AppProcess start(Path jar, Path dataDir, Map<String, String> env, List<String> jvmOptions)
      throws IOException, InterruptedException {
    int port = Workbench.freePort();
    int sandboxPort = Workbench.freePort();
    List<String> command = new ArrayList<>(List.of(javaBinary()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("SERVER_PORT", Integer.toString(port));
    builder.environment().put("OFFERDESK_SANDBOX_PORT", Integer.toString(sandboxPort));
    builder.environment().put("OFFERDESK_DATA_DIR", dataDir.toString());
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      waitForHealth(process, URI.create("http://127.0.0.1:" + port + "/actuator/health"), log);
    } catch (IOException | RuntimeException | InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroyForcibly();
      throw e;
    }
    return new AppProcess(process, port, sandboxPort, log, System.nanoTime() - start);
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

  /** From starting the process to health UP. */
  public double secondsToReady() {
    return readyNanos / 1e9;
  }

  public Path log() {
    return log;
  }

  /** The JVM's resident memory now, in MB. */
  public double jvmRssMb() {
    return ProcessMemory.rssMb(process.pid());
  }

  /** The embedded PostgreSQL's memory (its processes' proportional set size, shared memory counted once). */
  public double postgresPssMb() {
    return process.descendants().mapToDouble(p -> ProcessMemory.pssMb(p.pid())).sum();
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
