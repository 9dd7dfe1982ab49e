package org.offerdesk.app.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * OfferDesk started as a process of its own, as an operator starts it ({@code ./run} or {@code java -jar}),
 * with its output in a log file: what the failsafe tests launch. The test JVM's own {@code OFFERDESK_*} and
 * {@code DATABASE_URL} variables never leak into it; it gets exactly the environment the test names.
 */
public final class LaunchedOfferDesk {

  private final Process process;
  private final Path log;

  private LaunchedOfferDesk(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static LaunchedOfferDesk start(List<String> command, Path directory, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().keySet().removeIf(name -> name.equals("DATABASE_URL") || name.startsWith("OFFERDESK_"));
    if (!jvmOptions().isEmpty()) {
      builder.environment().put("JAVA_OPTS", String.join(" ", jvmOptions()));
    }
    // Started as a test's clean slate: the demo organizations without their seeded history, unless the test says.
    builder.environment().put("OFFERDESK_DEMO_DATA", "none");
    builder.environment().putAll(env);
    return new LaunchedOfferDesk(builder.start(), log);
  }

  /** The built jar the failsafe tests launch ({@code offerdesk.jar}, set by the build). */
  public static Path jar() {
    return Path.of(System.getProperty("offerdesk.jar", "target/offerdesk.jar")).toAbsolutePath();
  }

  /**
   * Starts the built jar as {@code java -jar} with the test JVMs' options, in {@code directory}, its output in
   * {@code log}; {@code arguments} (such as {@code --offerdesk.x=y}) go after the jar.
   */
  public static LaunchedOfferDesk startJar(Path directory, Map<String, String> env, Path log, String... arguments)
      throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    command.addAll(jvmOptions());
    command.addAll(List.of("-jar", jar().toString()));
    command.addAll(List.of(arguments));
    return start(command, directory, env, log);
  }

  /**
   * The JVM options of the test JVMs (the build's {@code argLine}: the quick JIT, the serial collector), for
   * the OfferDesk processes tests start: {@code ./run} takes them from {@code JAVA_OPTS}, as an operator's
   * would; a {@code java -jar} command line puts them before {@code -jar}.
   */
  public static List<String> jvmOptions() {
    String options = System.getProperty("offerdesk.launched.jvm-options", "").strip();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  public Process process() {
    return process;
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  /**
   * Waits until it answers UP on {@code port} and has logged that it runs; fails with its log when it exits
   * first or is not ready {@code within} (a bound against hanging on a busy machine, not a speed requirement).
   */
  public void awaitReady(int port, Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("OfferDesk exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        if (get("http://127.0.0.1:" + port + "/actuator/health").contains("\"UP\"")
            && log().contains("OfferDesk is running")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(500, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("OfferDesk did not become ready:\n" + log());
  }

  /** Asks it to stop (SIGTERM) and waits; kills it when it has not stopped within a minute. */
  public void stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  public static String get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Stops every OfferDesk a test started, then the embedded PostgreSQL under {@code dataDir} if one is left (an
   * OfferDesk killed by the test, or by an assertion failing between a kill and the restart, leaves it orphaned).
   */
  public static void stopAll(List<LaunchedOfferDesk> started, Path dataDir) throws InterruptedException {
    for (LaunchedOfferDesk offerDesk : started) {
      offerDesk.stop();
    }
    if (dataDir != null) {
      // Only a PostgreSQL: a stale postmaster.pid may name a process ID that has since been reused.
      postmasterPid(dataDir).flatMap(ProcessHandle::of)
          .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
          .ifPresent(ProcessHandle::destroy);
    }
  }

  /**
   * The process ID of the embedded PostgreSQL whose data lives under {@code dataDir} (its {@code postmaster.pid}),
   * if one runs or ran there: a killed OfferDesk leaves it behind, and a test removes it.
   */
  public static Optional<Long> postmasterPid(Path dataDir) {
    try {
      return Optional.of(Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip()));
    } catch (IOException | RuntimeException none) {
      return Optional.empty();
    }
  }
}
