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
 * OfferDesk started as a process of its own, as an operator starts it ({@code ./run}, or the jar as ./run runs it),
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

  /**
   * Starts {@code command} ({@code ./run} and its arguments) in {@code directory}, its output in {@code log};
   * {@code mayRecord}: whether this start, when it is the first after a build, may record the class archive that
   * later starts use ({@link SharedLaunchFolder}): not a start that is refused or killed.
   */
  public static LaunchedOfferDesk start(List<String> command, Path directory, Map<String, String> env, Path log,
      boolean mayRecord) throws IOException {
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
    return new LaunchedOfferDesk(SharedLaunchFolder.launch(builder, mayRecord), log);
  }

  /** The built jar the failsafe tests launch ({@code offerdesk.jar}, set by the build). */
  public static Path jar() {
    return Path.of(System.getProperty("offerdesk.jar", "target/offerdesk.jar")).toAbsolutePath();
  }

  /**
   * Starts the built jar the way {@code ./run} starts it ({@code bin/launch-extracted}: the jar extracted, with the
   * class archive, the serial collector and ./run's memory limits; what {@code ./run} adds is the build when the jar
   * is missing or stale), with the test JVMs' options in {@code JAVA_OPTS}, in {@code directory}, its output in
   * {@code log}; {@code arguments} (such as {@code --offerdesk.x=y}) go to the application. The process is the JVM
   * itself (the script ends by exec'ing it), so killing it kills OfferDesk's JVM, as an out-of-memory kill does.
   * These starts never record the class archive: the tests kill or refuse some of them, and a start with the
   * archive costs about 8 CPU-s against 14 to 16 for {@code java -jar} on the fat jar.
   */
  public static LaunchedOfferDesk startJar(Path directory, Map<String, String> env, Path log, String... arguments)
      throws IOException {
    Path root = jar().getParent().getParent().getParent();
    List<String> command = new java.util.ArrayList<>(List.of(root.resolve("bin/launch-extracted").toString(),
        jar().toString(), SharedLaunchFolder.folder().toString(), RUN_OPTIONS));
    command.addAll(List.of(arguments));
    return start(command, directory, env, log, false);
  }

  /** The default JVM options {@code ./run} gives {@code bin/launch-extracted} (RunOptionsTest keeps them equal). */
  public static final String RUN_OPTIONS =
      "-Xms192m -Xmn96m -Xmx512m -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=256m -Dofferdesk.aot=true";

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

  /**
   * Asks it to stop (SIGTERM) and waits; kills it when it has not stopped within three minutes (a bound against
   * hanging: the run that records the class archive writes it as it stops, which takes a while on a busy machine).
   */
  public void stop() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
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

  /**
   * A port nobody listens on, for a process to bind later: below the kernel's ephemeral range (from 32768 on Linux),
   * so that between now and then no connection's local port, nor a server started on port 0 (the launched
   * OfferDesk's embedded PostgreSQL), takes it (a sandbox once failed to start on the port its PostgreSQL had taken).
   */
  public static int freePort() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 32_000);
      try (ServerSocket socket = new ServerSocket(port)) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // in use: another
      }
    }
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
