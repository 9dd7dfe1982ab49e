package org.offerdesk.sandbox.faults;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The faults the sandbox is asked to inject, so clients can test their retry and failure paths: a share
 * of API calls throttled, change sets forced to fail, and extra time before change sets finish. Faults
 * are a testing switch and live in memory: a restart clears them.
 */
@Component
public class Faults {

  /** What is injected now. */
  public record Settings(double throttlingRate, int failNextChangeSets, Duration extraChangeSetDelay) {
    public static final Settings NONE = new Settings(0, 0, Duration.ZERO);

    public Settings {
      if (throttlingRate < 0 || throttlingRate > 1) {
        throw new IllegalArgumentException("throttlingRate is a share between 0 and 1");
      }
      if (failNextChangeSets < 0) {
        throw new IllegalArgumentException("failNextChangeSets cannot be negative");
      }
      if (extraChangeSetDelay == null || extraChangeSetDelay.isNegative()) {
        throw new IllegalArgumentException("extraChangeSetDelay cannot be negative");
      }
    }
  }

  private final AtomicReference<Settings> current = new AtomicReference<>(Settings.NONE);

  public Settings current() {
    return current.get();
  }

  public void set(Settings settings) {
    current.set(settings);
  }

  public void clear() {
    current.set(Settings.NONE);
  }

  /** Whether this API call is to be throttled. */
  public boolean throttleNow() {
    double rate = current.get().throttlingRate();
    return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
  }

  /** Takes one forced change-set failure, if any is pending. */
  public boolean takeForcedFailure() {
    while (true) {
      Settings s = current.get();
      if (s.failNextChangeSets() == 0) {
        return false;
      }
      Settings next = new Settings(s.throttlingRate(), s.failNextChangeSets() - 1, s.extraChangeSetDelay());
      if (current.compareAndSet(s, next)) {
        return true;
      }
    }
  }

  public Duration extraChangeSetDelay() {
    return current.get().extraChangeSetDelay();
  }
}
