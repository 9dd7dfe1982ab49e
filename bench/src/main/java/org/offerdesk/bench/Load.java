package org.offerdesk.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
      String firstError) {

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

  private final int clients;
  private final Call call;
  private long expectedIntervalNanos;

  public Load(int clients, Call call) {
    this.clients = clients;
    this.call = call;
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
        try {
          long i = 0;
          while (System.nanoTime() < end) {
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
          }
        } finally {
          done.countDown();
        }
      }, "load-" + c);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram allCorrected = new Histogram(3_600_000_000_000L, 3);
    Histogram allRaw = new Histogram(3_600_000_000_000L, 3);
    corrected.forEach(allCorrected::add);
    raw.forEach(allRaw::add);
    return new Result(calls.get(), errors.get(), seconds, allCorrected, allRaw, firstError.get());
  }
}
