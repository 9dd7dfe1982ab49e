package org.offerdesk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What every scenario shares: where the built jars are, a scratch folder, free loopback ports, progress
 * lines, and the things a scenario started, closed when the run ends (last started, first closed).
 */
public final class Workbench implements AutoCloseable {

  private final Path root;
  private final Path scratch;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private volatile String postgresVersion = "unknown";

  /** @param root the repository's root, where {@code app/target/offerdesk.jar} is */
  public Workbench(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    this.scratch = Files.createTempDirectory("offerdesk-bench");
  }

  public Path appJar() {
    return root.resolve("app/target/offerdesk.jar");
  }

  /** The repository's {@code ./run}, which starts the built jar as users start it (JVM options, class archive). */
  public Path runCommand() {
    return root.resolve("run");
  }

  public Path sandboxJar() {
    return root.resolve("sandbox/target/offerdesk-sandbox.jar");
  }

  /** The standalone sandbox's launcher, {@code sandbox/run} (its jar extracted, with a class archive). */
  public Path sandboxRunCommand() {
    return root.resolve("sandbox/run");
  }

  /** A new empty folder under the run's scratch folder. */
  public Path folder(String name) throws IOException {
    return Files.createTempDirectory(scratch, name);
  }

  /** A port nobody listens on right now on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes {@code thing} when the run ends, unless the scenario closes it first. */
  public <T extends AutoCloseable> T closeAtEnd(T thing) {
    started.push(thing);
    return thing;
  }

  /** Closes {@code thing} now, and no more at the end. */
  public void closeNow(AutoCloseable thing) throws Exception {
    started.remove(thing);
    thing.close();
  }

  public void progress(String line) {
    System.out.println("[bench] " + line);
    System.out.flush();
  }

  public void postgresVersion(String version) {
    this.postgresVersion = version;
  }

  public String postgresVersion() {
    return postgresVersion;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("[bench] could not stop " + e);
      }
    }
    try (var walk = Files.walk(scratch)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("[bench] left " + scratch + ": " + e);
    }
  }
}
