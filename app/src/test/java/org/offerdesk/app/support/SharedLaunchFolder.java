package org.offerdesk.app.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The folder {@code bin/launch-extracted} runs the built jar from ({@code app/target/offerdesk-run}: the jar extracted,
 * and the class archive the first run after a build records when it stops), shared by every OfferDesk process the
 * tests start, through {@code ./run} or directly, as on an operator's machine. A start with the archive costs about
 * 8 CPU-s against 13 without it (14 to 16 for {@code java -jar} on the fat jar), and recording one about 5 more.
 * The launches of this JVM take turns where the script is not made for two runs at once (an operator starts one):
 * <ul>
 *   <li>while the jar is being extracted, the next launch waits for that to be done;</li>
 *   <li>a {@code ./run} start that finds no archive records it when it stops, as it would for an operator; a launch
 *       that finds that run still running waits until it has stopped and written the archive; a recorded archive is
 *       checked and put in place (or dropped) here, as the script's next run would, before the next launch;</li>
 *   <li>a launch that may not record (one the test will kill, which writes no archive, or a refused start, whose
 *       archive would hold only the classes it loaded before it refused) and finds no archive starts without one
 *       ({@code -Xshare:auto} in {@code JAVA_OPTS}, which the script leaves alone).</li>
 * </ul>
 * Only the CPU the processes spend depends on this, never what they do.
 */
final class SharedLaunchFolder {

  private static final Object LOCK = new Object();
  /** A bound against hanging on a busy machine, not a speed requirement: after it a launch goes on regardless. */
  private static final Duration PATIENCE = Duration.ofMinutes(5);
  /** The {@code ./run} start recording the class archive, if one runs. */
  private static Process recorder;
  /** Whether a start that may record is on its way ({@link #expectRecorder()}) and none has come yet. */
  private static boolean recorderComing;

  private SharedLaunchFolder() {}

  /** The folder, next to the built jar (as {@code ./run} names it). */
  static Path folder() {
    return LaunchedOfferDesk.jar().resolveSibling("offerdesk-run");
  }

  /**
   * Says that a start that may record the class archive is coming (the {@link ProcessLane} runs
   * {@code CrashRestartIT}, whose first start records, beside {@code RunCommandIT}, whose starts may not): until it
   * has come and stopped, a start that may not record and finds no archive waits for one instead of starting
   * without it, which costs it about 3 CPU-s more.
   */
  static void expectRecorder() {
    synchronized (LOCK) {
      recorderComing = true;
    }
  }

  /**
   * Starts {@code builder} (a command that runs {@code bin/launch-extracted} on the shared folder) when it is its
   * turn; {@code mayRecord}: whether this start may be the one that records the class archive.
   */
  static Process launch(ProcessBuilder builder, boolean mayRecord) throws IOException {
    Instant giveUp = Instant.now().plus(PATIENCE);
    synchronized (LOCK) {
      if (mayRecord) {
        recorderComing = false;
      }
      // Until the recording run has exited, its archive may be half written; and one that may not record waits
      // for the recording run that is coming.
      while (!archived() && (recorder != null ? recorder.isAlive() : recorderComing && !mayRecord)
          && Instant.now().isBefore(giveUp)) {
        try {
          LOCK.wait(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the class archive", e);
        }
      }
      recorderComing = recorderComing && Instant.now().isBefore(giveUp);
      if (!archived() && recorded()) {
        adoptRecorded();
      }
      boolean extracting = !extracted();
      boolean recording = !archived();
      if (recording && !mayRecord) {
        builder.environment().merge("JAVA_OPTS", "-Xshare:auto", (options, plain) -> options + " " + plain);
      }
      Process process = builder.start();
      if (recording && mayRecord) {
        recorder = process;
      }
      // The next launch waits until the script has extracted the jar.
      while (extracting && !extracted() && process.isAlive()
          && Instant.now().isBefore(giveUp)) {
        try {
          process.waitFor(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while the jar was being extracted", e);
        }
      }
      return process;
    }
  }

  /**
   * Checks a recorded archive and puts it in place, or drops it, as the script's next run would (the same check:
   * {@code -Xshare:on} fails unless the archive maps and matches the JDK and the jar); done here so that a launch
   * that may not record never gets to record one when the check fails.
   */
  private static void adoptRecorded() throws IOException {
    try (Stream<Path> files = Files.list(folder())) {
      for (Path recorded : files.filter(file -> file.getFileName().toString().endsWith(".jsa.recorded")).toList()) {
        Process check = new ProcessBuilder("java", "-Xshare:on", "-XX:SharedArchiveFile=" + recorded,
            "-XX:ErrorFile=/dev/null", "-cp", folder().resolve("offerdesk.jar").toString(), "-version")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean maps;
        try {
          maps = check.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while checking the class archive", e);
        } finally {
          check.destroyForcibly();
        }
        String name = recorded.getFileName().toString();
        if (maps) {
          Files.move(recorded, recorded.resolveSibling(name.substring(0, name.length() - ".recorded".length())));
        } else {
          Files.deleteIfExists(recorded);
        }
      }
    }
  }

  /** The jar is extracted, from the current build (the script extracts again when the jar is newer). */
  private static boolean extracted() {
    Path copy = folder().resolve("offerdesk.jar");
    try {
      return Files.isRegularFile(copy)
          && Files.getLastModifiedTime(LaunchedOfferDesk.jar()).compareTo(Files.getLastModifiedTime(copy)) <= 0;
    } catch (IOException gone) {
      return false;
    }
  }

  /** An archive the next launch will use: not one of an older build, which the script deletes as it extracts. */
  private static boolean archived() {
    return extracted() && any(".jsa");
  }

  private static boolean recorded() {
    return any(".jsa.recorded");
  }

  private static boolean any(String suffix) {
    if (!Files.isDirectory(folder())) {
      return false;
    }
    try (Stream<Path> files = Files.list(folder())) {
      return files.anyMatch(file -> file.getFileName().toString().endsWith(suffix));
    } catch (IOException beingReplaced) {
      return false;
    }
  }
}
