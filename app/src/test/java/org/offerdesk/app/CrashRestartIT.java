package org.offerdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.Http;

/**
 * The JVM of a running OfferDesk killed with SIGKILL (as the kernel's out-of-memory killer does) leaves
 * its embedded PostgreSQL running; the next start must recover at the first attempt: stop that server,
 * start its own, and refuse only while another live instance owns the data folder.
 */
class CrashRestartIT {

  static final Path JAR = Path.of(System.getProperty("offerdesk.jar", "target/offerdesk.jar")).toAbsolutePath();
  static final String JAVA = ProcessHandle.current().info().command().orElse("java");
  static final String PASSWORD = "crash-restart-password";
  /** A bound against hanging forever on a busy machine, not a speed requirement. */
  static final Duration READY_WITHIN = Duration.ofMinutes(5);

  final List<Process> started = new ArrayList<>();
  Path dataDir;

  @AfterEach
  void leave_nothing_running() throws Exception {
    for (Process process : started) {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
    }
    // If an assertion failed between the kill and the restart, the orphan is still ours to remove.
    postmasterPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroy);
  }

  @Test
  void a_start_right_after_the_jvm_was_killed_succeeds_at_the_first_attempt() throws Exception {
    dataDir = Files.createTempDirectory("offerdesk-crash-data");
    int port = freePort();
    Map<String, String> env = environment(port, freePort());

    Process first = start(env, "first");
    awaitReady(first, port);
    assertThat(new Http("http://127.0.0.1:" + port).signIn("admin@demo.offerdesk.local", PASSWORD)
        .header("Location")).endsWith("/offers");
    long orphan = postmasterPid().orElseThrow();

    first.destroyForcibly();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
        .as("PostgreSQL outlives its killed JVM, as in the incident").contains(true);

    Process second = start(env, "second");
    awaitReady(second, port);
    assertThat(log("second")).contains("PostgreSQL (pid " + orphan + ") is still running")
        .doesNotContain("lock file \"postmaster.pid\" already exists");
    assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
    long postmaster = postmasterPid().orElseThrow();
    assertThat(postmaster).isNotEqualTo(orphan);
    assertThat(new Http("http://127.0.0.1:" + port).signIn("admin@demo.offerdesk.local", PASSWORD)
        .header("Location")).as("the data survived the crash").endsWith("/offers");

    // A second instance on the same folder must not take the live server away from the first.
    Process intruder = start(environment(freePort(), freePort()), "intruder");
    assertThat(intruder.waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(intruder.exitValue()).isNotZero();
    assertThat(log("intruder")).contains("is in use by process " + second.pid());
    assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).contains(true);
    assertThat(get("http://127.0.0.1:" + port + "/actuator/health")).contains("\"UP\"");

    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // pg_ctl reports "stopped" once the pid file is gone; the postmaster exits an instant later.
    assertThat(exited(postmaster)).as("PostgreSQL stopped with its JVM").isTrue();
    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
  }

  private static boolean exited(long pid) throws Exception {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isPresent()) {
      try {
        process.get().onExit().get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException stillRunning) {
        return false;
      }
    }
    return true;
  }

  private Map<String, String> environment(int port, int sandboxPort) {
    Map<String, String> env = new HashMap<>();
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("SERVER_PORT", "" + port);
    env.put("OFFERDESK_SANDBOX_PORT", "" + sandboxPort);
    env.put("OFFERDESK_DATA_DIR", dataDir.toString());
    env.put("OFFERDESK_ADMIN_PASSWORD", PASSWORD);
    return env;
  }

  private Process start(Map<String, String> env, String name) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(JAVA, "-jar", JAR.toString())
        .directory(dataDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(dataDir.resolve(name + ".log").toFile()));
    builder.environment().remove("DATABASE_URL");
    builder.environment().remove("OFFERDESK_BOOTSTRAP_TOKEN");
    builder.environment().putAll(env);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private String log(String name) throws IOException {
    return Files.readString(dataDir.resolve(name + ".log"));
  }

  private Optional<Long> postmasterPid() {
    try {
      return Optional.of(Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip()));
    } catch (IOException | RuntimeException none) {
      return Optional.empty();
    }
  }

  private void awaitReady(Process process, int port) throws Exception {
    Instant deadline = Instant.now().plus(READY_WITHIN);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("OfferDesk exited with " + process.exitValue() + ":\n" + logOf(process));
      }
      try {
        if (get("http://127.0.0.1:" + port + "/actuator/health").contains("\"UP\"")
            && logOf(process).contains("OfferDesk is running")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      process.waitFor(500, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("OfferDesk did not become ready:\n" + logOf(process));
  }

  private String logOf(Process process) throws IOException {
    return log(List.of("first", "second", "intruder").get(started.indexOf(process)));
  }

  private static String get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
