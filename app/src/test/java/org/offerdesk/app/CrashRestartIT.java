package org.offerdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import static org.offerdesk.app.support.LaunchedOfferDesk.freePort;
import static org.offerdesk.app.support.LaunchedOfferDesk.get;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.Http;
import org.offerdesk.app.support.LaunchedOfferDesk;

/**
 * The JVM of a running OfferDesk killed with SIGKILL (as the kernel's out-of-memory killer does) leaves
 * its embedded PostgreSQL running; the next start must recover at the first attempt: stop that server,
 * start its own, and refuse only while another live instance owns the data folder.
 */
class CrashRestartIT {

  static final String PASSWORD = "crash-restart-password";
  /** A bound against hanging forever on a busy machine, not a speed requirement. */
  static final Duration READY_WITHIN = Duration.ofMinutes(10);

  final List<LaunchedOfferDesk> started = new ArrayList<>();
  Path dataDir;

  @AfterEach
  void leave_nothing_running() throws Exception {
    LaunchedOfferDesk.stopAll(started, dataDir);
  }

  @Test
  void a_start_right_after_the_jvm_was_killed_succeeds_at_the_first_attempt() throws Exception {
    dataDir = Files.createTempDirectory("offerdesk-crash-data");
    int port = freePort();
    Map<String, String> env = environment(port, freePort());

    LaunchedOfferDesk firstStart = start(env, "first");
    firstStart.awaitReady(port, READY_WITHIN);
    Process first = firstStart.process();
    assertThat(new Http("http://127.0.0.1:" + port).signIn("admin@demo.offerdesk.local", PASSWORD)
        .header("Location")).endsWith("/dashboard");
    long orphan = LaunchedOfferDesk.postmasterPid(dataDir).orElseThrow();

    first.destroyForcibly();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
        .as("PostgreSQL outlives its killed JVM, as in the incident").contains(true);

    LaunchedOfferDesk secondStart = start(env, "second");
    secondStart.awaitReady(port, READY_WITHIN);
    Process second = secondStart.process();
    assertThat(log("second")).contains("PostgreSQL (pid " + orphan + ") is still running")
        .doesNotContain("lock file \"postmaster.pid\" already exists");
    assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).isEmpty();
    long postmaster = LaunchedOfferDesk.postmasterPid(dataDir).orElseThrow();
    assertThat(postmaster).isNotEqualTo(orphan);
    assertThat(new Http("http://127.0.0.1:" + port).signIn("admin@demo.offerdesk.local", PASSWORD)
        .header("Location")).as("the data survived the crash").endsWith("/dashboard");

    // A second instance on the same folder must not take the live server away from the first.
    Process intruder = start(environment(freePort(), freePort()), "intruder").process();
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

  private LaunchedOfferDesk start(Map<String, String> env, String name) throws IOException {
    LaunchedOfferDesk offerDesk = LaunchedOfferDesk.startJar(dataDir, env, dataDir.resolve(name + ".log"));
    started.add(offerDesk);
    return offerDesk;
  }

  private String log(String name) throws IOException {
    return Files.readString(dataDir.resolve(name + ".log"));
  }
}
