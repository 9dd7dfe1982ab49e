package org.offerdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.LaunchedOfferDesk;

/**
 * The heap {@code ./run} gives OfferDesk, as the JVM sizes it with the serial collector: a young generation large
 * enough that a request's garbage dies there, and an old generation with room from the start for what a running
 * OfferDesk keeps (about 65 MB after a start and the dashboard's load at 1M offers), so that no full collection
 * of the whole heap, which stops every request, is needed to grow it under load (bench/README.md, D); and class
 * metadata whose first collection comes above what a running OfferDesk loads.
 */
class RunOptionsTest {

  private static final long MB = 1024 * 1024;

  @Test
  void the_tests_launch_the_jar_with_the_options_of_run() throws IOException {
    assertThat(runOptions()).isEqualTo(LaunchedOfferDesk.RUN_OPTIONS);
  }

  @Test
  void run_gives_a_young_generation_of_96_mb_and_an_old_one_with_room_for_what_offerdesk_keeps() throws Exception {
    Map<String, Long> flags = flags(runOptions());
    long young = flags.get("NewSize");
    long old = flags.get("InitialHeapSize") - young;
    assertThat(young).isGreaterThanOrEqualTo(96 * MB);
    assertThat(flags.get("MaxNewSize")).isEqualTo(young);
    // Survivor spaces a tenth of the young generation each: the requests in flight at a collection fit in them.
    assertThat(young / (flags.get("SurvivorRatio") + 2)).isGreaterThanOrEqualTo(9 * MB);
    assertThat(old).isGreaterThanOrEqualTo(96 * MB);
    assertThat(flags.get("MaxHeapSize")).isEqualTo(512 * MB);
  }

  @Test
  void run_collects_class_metadata_first_above_what_a_running_offerdesk_keeps() throws Exception {
    Map<String, Long> flags = flags(runOptions());
    // About 100 MB of classes and method data after a start and the dashboard's load (bench/README.md, D): below
    // this threshold, their growth would stop every request for a full collection, at the start and under load.
    assertThat(flags.get("MetaspaceSize")).isGreaterThanOrEqualTo(128 * MB);
    assertThat(flags.get("MaxMetaspaceSize")).isEqualTo(256 * MB);
  }

  /** The default JVM options {@code ./run} hands {@code bin/launch-extracted}. */
  private static String runOptions() throws IOException {
    Matcher m = Pattern.compile("exec bin/launch-extracted \\S+ \\S+ \"([^\"]+)\"")
        .matcher(Files.readString(RunCommandIT.ROOT.resolve("run")));
    assertThat(m.find()).as("./run starts bin/launch-extracted with its default options").isTrue();
    return m.group(1);
  }

  /** The sizes the JVM takes from {@code options} with the serial collector, as {@code ./run} starts it. */
  private static Map<String, Long> flags(String options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(options.split(" ")));
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:+PrintFlagsFinal", "-version"));
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(java.getInputStream().readAllBytes());
    assertThat(java.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(java.exitValue()).as(out).isZero();
    Map<String, Long> flags = new HashMap<>();
    Matcher m = Pattern.compile("(?m)^\\s*\\S+\\s+(\\w+)\\s+=\\s+(\\d+)\\s").matcher(out);
    while (m.find()) {
      if (m.group(2).length() < 19) { // some unsigned flags print 2^64 - 1 ("no limit"); none of those is read here
        flags.put(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    assertThat(out).doesNotContain("warning");
    return flags;
  }
}
