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

  /**
   * CPU time (user + system) the process has used, seconds; with {@code reapedChildren} also what its children
   * that ended and were waited for used (a postmaster's past backends). Linux's clock ticks, 100 a second.
   */
  static double cpuSeconds(long pid, boolean reapedChildren) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      if (reapedChildren) {
        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
      }
      return ticks / 100.0;
    } catch (IOException | RuntimeException e) {
      return 0; // gone, or not Linux
    }
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
