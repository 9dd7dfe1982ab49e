package org.offerdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time from {@code /proc/<pid>/stat} (Linux): a count the machine's load does not change. */
public final class ProcessCpu {

  /** Clock ticks a second of {@code /proc}'s times: 100 on every Linux this runs on. */
  private static final double TICKS = 100.0;

  private ProcessCpu() {}

  /**
   * User and system CPU seconds of {@code pid}, with {@code withExitedChildren} also those of its children
   * that have exited and been waited for; 0 when the process is gone.
   */
  public static double seconds(long pid, boolean withExitedChildren) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    } catch (IOException e) {
      return 0;
    }
    // After the command, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15,
    // cutime 16, cstime 17.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    double ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (withExitedChildren) {
      ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return ticks / TICKS;
  }

  /**
   * CPU seconds of {@code pid}'s live threads whose name ({@code /proc}'s {@code comm}, its first 15 characters)
   * starts with {@code prefix}: {@code "http-nio"} for Tomcat's request threads, {@code "C2 Compiler"} for the
   * JIT, {@code "VM Thread"} for the serial collector.
   */
  public static double threadSeconds(long pid, String prefix) {
    double total = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          if (Files.readString(task.resolve("comm")).startsWith(prefix)) {
            total += seconds(pid + "/task/" + task.getFileName());
          }
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return total;
  }

  private static double seconds(String procPath) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + procPath + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
  }
}
