package org.offerdesk.bench.scenarios;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU seconds of a JVM's live threads by group, from {@code jcmd Thread.print} (each thread's Java name and
 * {@code cpu=}): the name with its numbers taken out, Tomcat's request threads told apart by their port
 * (OfferDesk's and its embedded sandbox's have the same 15-character {@code /proc} name). P1 takes one before and
 * one after a round of publishers, so the difference says which part of the JVM did the round's work.
 */
final class ThreadGroupsCpu {

  private static final Pattern THREAD = Pattern.compile("^\"([^\"]+)\".* cpu=([0-9.]+)ms", Pattern.MULTILINE);

  private ThreadGroupsCpu() {}

  /** Seconds by group; {@code ports} names request threads of those ports (port -> name). */
  static Map<String, Double> take(long pid, Map<Integer, String> ports) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
    String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Map<String, Double> groups = new HashMap<>();
    Matcher m = THREAD.matcher(dump);
    while (m.find()) {
      groups.merge(group(m.group(1), ports), Double.parseDouble(m.group(2)) / 1000, Double::sum);
    }
    return groups;
  }

  private static String group(String name, Map<Integer, String> ports) {
    for (Map.Entry<Integer, String> port : ports.entrySet()) {
      if (name.startsWith("http-nio") && name.contains("-" + port.getKey() + "-")) {
        return port.getValue() + " request threads";
      }
    }
    return name.replaceAll("[0-9]+", "N");
  }

  /** The groups' growth from {@code before} to {@code after}, largest first, those of at least 0.05 s. */
  static String describe(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> grown = new LinkedHashMap<>();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
        .filter(e -> e.getValue() >= 0.05)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> grown.put(e.getKey(), e.getValue()));
    StringBuilder out = new StringBuilder();
    grown.forEach((k, v) -> out.append(out.length() == 0 ? "" : "; ").append(String.format("%s %.2f", k, v)));
    return out.toString();
  }
}
