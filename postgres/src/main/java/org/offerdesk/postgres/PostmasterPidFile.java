package org.offerdesk.postgres;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What PostgreSQL writes to {@code postmaster.pid} while it runs: the postmaster's process id on the first
 * line and its data directory on the second. A file left behind names a server that may or may not still
 * be alive.
 */
record PostmasterPidFile(long pid, Path dataDirectory) {

  static final String NAME = "postmaster.pid";

  /** Empty when the file is truncated or garbled (a crash while it was written): then it is simply stale. */
  static Optional<PostmasterPidFile> parse(String content) {
    String[] lines = content.split("\n", -1);
    if (lines.length < 2) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(lines[0].strip());
      String dir = lines[1].strip();
      if (pid <= 0 || dir.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new PostmasterPidFile(pid, Path.of(dir)));
    } catch (RuntimeException garbled) {
      return Optional.empty();
    }
  }
}
