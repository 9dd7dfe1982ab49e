package org.offerdesk.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deals with a {@code postmaster.pid} found in a data folder we are about to start a server on. A JVM
 * killed with {@code kill -9} (an out-of-memory kill) cannot run its shutdown hook, so its PostgreSQL
 * lives on holding the folder and the next start would wait and fail on "lock file already exists".
 * Only call this while holding the folder's {@link DataFolderClaim}: then no live OfferDesk uses the
 * server, and stopping it is safe.
 */
final class LeftoverPostmaster {

  private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  /** What a pid file found before starting means. */
  enum Verdict {
    /** No pid file: start normally. */
    NONE,
    /** The pid is dead or belongs to some other program now: the file is removed, then start. */
    STALE_LOCK,
    /** A postmaster of this very folder still runs without its JVM: stop it cleanly, then start. */
    ORPHANED_SERVER
  }

  private LeftoverPostmaster() {}

  /**
   * Decides from the pid file and the command line of the process with that pid (empty when no such
   * process exists). A live process counts as our orphan only if its command line names this data
   * directory; a recycled pid of another program must never be signalled.
   */
  static Verdict judge(Optional<PostmasterPidFile> pidFile, boolean pidFilePresent,
      Optional<List<String>> commandLineOfPid, Path dataDirectory) {
    if (!pidFilePresent) {
      return Verdict.NONE;
    }
    if (pidFile.isEmpty() || commandLineOfPid.isEmpty()) {
      return Verdict.STALE_LOCK;
    }
    return namesDirectory(commandLineOfPid.get(), dataDirectory) ? Verdict.ORPHANED_SERVER : Verdict.STALE_LOCK;
  }

  /** True when the arguments hold {@code -D <dir>} (or {@code -D<dir>}) for this directory. */
  static boolean namesDirectory(List<String> commandLine, Path dataDirectory) {
    Path wanted = dataDirectory.toAbsolutePath().normalize();
    for (int i = 0; i < commandLine.size(); i++) {
      String arg = commandLine.get(i);
      String dir = null;
      if (arg.equals("-D") && i + 1 < commandLine.size()) {
        dir = commandLine.get(i + 1);
      } else if (arg.startsWith("-D") && arg.length() > 2) {
        dir = arg.substring(2);
      }
      if (dir != null && !dir.isBlank() && Path.of(dir).toAbsolutePath().normalize().equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** Looks at the folder and stops or clears what a crashed JVM left behind. */
  static Verdict clear(Path dataDirectory) {
    Path pidPath = dataDirectory.resolve(PostmasterPidFile.NAME);
    Optional<PostmasterPidFile> pidFile;
    boolean present;
    try {
      pidFile = PostmasterPidFile.parse(Files.readString(pidPath, StandardCharsets.UTF_8));
      present = true;
    } catch (NoSuchFileException none) {
      pidFile = Optional.empty();
      present = false;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + pidPath, e);
    }
    Optional<ProcessHandle> process = pidFile.flatMap(p -> ProcessHandle.of(p.pid())).filter(ProcessHandle::isAlive);
    Verdict verdict = judge(pidFile, present, process.map(LeftoverPostmaster::commandLine), dataDirectory);
    switch (verdict) {
      case NONE -> { }
      case STALE_LOCK -> {
        log.warn("Removing the stale {} of a PostgreSQL that is no longer running", pidPath);
        delete(pidPath);
      }
      case ORPHANED_SERVER -> stop(process.orElseThrow(), dataDirectory);
    }
    return verdict;
  }

  /**
   * Fast shutdown (SIGINT: active sessions are ended, data is flushed) and a wait for the postmaster to
   * exit. SIGTERM is the fallback where {@code kill} cannot be run; SIGKILL only if the server ignores
   * both, which leaves crash recovery to the next start rather than a folder nobody can use.
   */
  private static void stop(ProcessHandle postmaster, Path dataDirectory) {
    log.warn("PostgreSQL (pid {}) is still running on {} although the OfferDesk that started it is gone: "
        + "stopping it before starting again", postmaster.pid(), dataDirectory);
    if (!signal("INT", postmaster.pid())) {
      postmaster.destroy();
    }
    if (!awaitExit(postmaster, STOP_WAIT)) {
      log.warn("PostgreSQL (pid {}) did not stop within {}; killing it", postmaster.pid(), STOP_WAIT);
      postmaster.destroyForcibly();
      if (!awaitExit(postmaster, STOP_WAIT)) {
        throw new IllegalStateException("Could not stop the PostgreSQL (pid " + postmaster.pid()
            + ") left running on " + dataDirectory + "; stop it by hand and start again");
      }
    }
    // A fast shutdown removes the pid file itself; a killed server leaves it behind.
    delete(dataDirectory.resolve(PostmasterPidFile.NAME));
    log.info("Stopped the PostgreSQL left running on {}", dataDirectory);
  }

  private static boolean signal(String signal, long pid) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
    } catch (IOException noKillCommand) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration wait) {
    CompletableFuture<ProcessHandle> exit = process.onExit();
    try {
      exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException stillRunning) {
      return !process.isAlive();
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static List<String> commandLine(ProcessHandle process) {
    Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try {
      String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
      return Arrays.stream(raw.split("\0")).filter(s -> !s.isEmpty()).toList();
    } catch (IOException noProc) {
      // No /proc (macOS): ask the JDK, which knows the arguments of processes of the same user.
      ProcessHandle.Info info = process.info();
      return info.arguments().map(List::of).orElse(List.of());
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove " + file, e);
    }
  }
}
