package org.offerdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The tiny run (the harness test's) is as small as it can be and still gives every figure. */
class TinyRunTest {

  @Test
  void a_load_that_warms_up_until_steady_warms_up_once_in_the_tiny_run() throws Exception {
    // Each run of the load reads its probe before and after. Warming up until steady always runs a second round
    // to compare with the first, however steady the first was, so without the cap there are at least two
    // warm-up rounds (six probe reads or more).
    AtomicInteger probeReads = new AtomicInteger();
    Load load = new Load(1, (c, i) -> true).cpu("runs", () -> probeReads.incrementAndGet());
    try (Workbench bench = new Workbench(Path.of(".."))) {
      Alternating measured = new Alternating().add("load", load).warmUpUntilSteady(6)
          .run(Settings.tiny(), bench);
      assertThat(measured.stats("load", Alternating::rate).repeats()).isEqualTo(1);
    }
    assertThat(probeReads.get()).as("probe reads: one warm-up round and one measured repeat").isEqualTo(4);
    assertThat(Settings.quick().warmupRounds(6)).isEqualTo(6);
    assertThat(Settings.full().warmupRounds(6)).isEqualTo(6);
  }

  @Test
  void every_client_makes_at_least_one_call_however_short_the_run() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Load load = new Load(4, (c, i) -> calls.incrementAndGet() > 0);
    Load.Result result = load.measure(Duration.ZERO);
    assertThat(result.calls()).isGreaterThanOrEqualTo(4);
    assertThat(calls.get()).isGreaterThanOrEqualTo(4);
    assertThat(result.errors()).isZero();
  }
}
