package org.offerdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's memory and CPU time as Linux counts them in {@code /proc}: zero where they cannot be read. */
final class ProcessMemory {

  private ProcessMemory() {}

  /** Resident set size (VmRSS), MB. */
  static double rssMb(long pid) {
    return kb(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:") / 1024.0;
  }

  /** Proportional set size (shared pages divided among the processes sharing them), MB. */
  static double pssMb(long pid) {
    return kb(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:") / 1024.0;
  }

  private static long kb(Path file, String field) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone, or not Linux
    }
    return 0;
  }
}
