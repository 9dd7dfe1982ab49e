package org.offerdesk.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load of {@code clients} threads, each calling as soon as its previous call answered, with
 * latencies in HdrHistogram. A closed loop hides stalls (a client waiting on a slow answer sends nothing,
 * so the stall is one sample, not the many it delayed: coordinated omission), so every latency is recorded
 * with {@link Histogram#recordValueWithExpectedInterval}: the expected interval is the mean latency the same
 * clients saw in the warm-up, and a call that took k times longer also counts the k−1 calls it held back.
 */
public final class Load {

  /** One call of one client; throws (or returns false) when the answer is wrong. */
  @FunctionalInterface
  public interface Call {
    boolean call(int client, long iteration) throws Exception;
  }

  /** What one measured run of the load gave. */
  public record Result(long calls, long errors, double seconds, Histogram corrected, Histogram raw,
      String firstError, Map<String, Double> cpuSeconds, Map<String, Double> counts) {

    /** How much of the count {@code name} (see {@link Load#count}) each call added, or NaN without it. */
    public double countPerCall(String name) {
      Double count = counts.get(name);
      return count == null || calls == 0 ? Double.NaN : count / calls;
    }

    /** Milliseconds of CPU per call of the probe {@code name} (see {@link Load#cpu}), or NaN without it. */
    public double cpuMsPerCall(String name) {
      Double cpu = cpuSeconds.get(name);
      return cpu == null || calls == 0 ? Double.NaN : cpu * 1000 / calls;
    }

    public double perSecond() {
      return calls / seconds;
    }

    /** Corrected percentile in milliseconds. */
    public double percentileMs(double percentile) {
      return corrected.getValueAtPercentile(percentile) / 1_000_000.0;
    }

    public double rawPercentileMs(double percentile) {
      return raw.getValueAtPercentile(percentile) / 1_000_000.0;
    }
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private final int clients;
  private final Call call;
  private final Map<String, DoubleSupplier> cpu = new LinkedHashMap<>();
  private final Map<String, DoubleSupplier> counts = new LinkedHashMap<>();
  private long expectedIntervalNanos;

  public Load(int clients, Call call) {
    this.clients = clients;
    this.call = call;
  }

  /**
   * The CPU of the load's own client threads is always counted ({@code "client"} in the result). This also reads
   * {@code seconds} (CPU seconds of a process or of some of its threads, see {@link ProcessCpu})
   * before and after each run: the result tells the CPU each call cost, a count the machine's load does not change.
   */
  public Load cpu(String name, DoubleSupplier seconds) {
    cpu.put(name, seconds);
    return this;
  }

  /** Also reads a count (bytes allocated by some threads...) before and after each run, as for {@link #cpu}. */
  public Load count(String name, DoubleSupplier value) {
    counts.put(name, value);
    return this;
  }

  /**
   * Warms up in rounds of {@code round} until a round's rate is within 5% of the round before (the JIT has done
   * most of its work), at most {@code maxRounds}; the last round's mean latency becomes the expected interval.
   */
  public Result warmUpUntilSteady(Duration round, int maxRounds, java.util.function.Consumer<Result> eachRound)
      throws InterruptedException {
    Result last = warmUp(round);
    eachRound.accept(last);
    for (int i = 1; i < maxRounds; i++) {
      Result next = warmUp(round);
      eachRound.accept(next);
      boolean steady = Math.abs(next.perSecond() - last.perSecond()) <= 0.05 * last.perSecond();
      last = next;
      if (steady) {
        break;
      }
    }
    return last;
  }

  /** Runs the load unmeasured for {@code duration}; its mean latency becomes the expected interval. */
  public Result warmUp(Duration duration) throws InterruptedException {
    Result r = run(duration, 0);
    expectedIntervalNanos = r.raw().getTotalCount() == 0 ? 0 : (long) r.raw().getMean();
    return r;
  }

  /** Runs the load for {@code duration} and measures it. */
  public Result measure(Duration duration) throws InterruptedException {
    return run(duration, expectedIntervalNanos);
  }

  private Result run(Duration duration, long expectedInterval) throws InterruptedException {
    List<Histogram> corrected = new ArrayList<>();
    List<Histogram> raw = new ArrayList<>();
    AtomicLong calls = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(clients);
    AtomicLong clientCpuNanos = new AtomicLong();
    Map<String, Double> cpuBefore = new LinkedHashMap<>();
    cpu.forEach((name, probe) -> cpuBefore.put(name, probe.getAsDouble()));
    Map<String, Double> countsBefore = new LinkedHashMap<>();
    counts.forEach((name, probe) -> countsBefore.put(name, probe.getAsDouble()));
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Histogram mine = new Histogram(3_600_000_000_000L, 3);
      Histogram mineRaw = new Histogram(3_600_000_000_000L, 3);
      corrected.add(mine);
      raw.add(mineRaw);
      int client = c;
      Thread t = new Thread(() -> {
        long cpuAtStart = THREADS.getCurrentThreadCpuTime();
        try {
          long i = 0;
          // At least one call, however late the thread starts: a short run (the tiny one) still measures something.
          do {
            long before = System.nanoTime();
            boolean ok;
            try {
              ok = call.call(client, i++);
            } catch (Exception e) {
              ok = false;
              firstError.compareAndSet(null, e.toString());
            }
            long took = System.nanoTime() - before;
            calls.incrementAndGet();
            if (!ok) {
              errors.incrementAndGet();
              firstError.compareAndSet(null, "a wrong answer");
            }
            mineRaw.recordValue(took);
            if (expectedInterval > 0) {
              mine.recordValueWithExpectedInterval(took, expectedInterval);
            } else {
              mine.recordValue(took);
            }
          } while (System.nanoTime() < end);
        } finally {
          clientCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuAtStart);
          done.countDown();
        }
      }, "load-" + c);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Double> cpuSeconds = new LinkedHashMap<>();
    cpu.forEach((name, probe) -> cpuSeconds.put(name, probe.getAsDouble() - cpuBefore.get(name)));
    cpuSeconds.put("client", clientCpuNanos.get() / 1e9);
    Map<String, Double> countsAdded = new LinkedHashMap<>();
    counts.forEach((name, probe) -> countsAdded.put(name, probe.getAsDouble() - countsBefore.get(name)));
    Histogram allCorrected = new Histogram(3_600_000_000_000L, 3);
    Histogram allRaw = new Histogram(3_600_000_000_000L, 3);
    corrected.forEach(allCorrected::add);
    raw.forEach(allRaw::add);
    return new Result(calls.get(), errors.get(), seconds, allCorrected, allRaw, firstError.get(), cpuSeconds, countsAdded);
  }
}
