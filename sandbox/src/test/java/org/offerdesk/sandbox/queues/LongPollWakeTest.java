package org.offerdesk.sandbox.queues;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * A long poll answers as soon as a message arrives, as SQS does: a send that lands between the poll's empty
 * receive and its wait is not missed (before, the wait began after it and slept its full turn).
 */
class LongPollWakeTest {

  private final Queues queues = new Queues(null, Clock.systemUTC());

  @Test
  void aSignalBetweenTheReceiveAndTheWaitEndsTheWaitAtOnce() throws InterruptedException {
    long seen = queues.arrivalsSeen();
    queues.signal(); // a message sent after the empty receive, before the wait
    assertThat(queues.awaitArrival(seen, 1)).isTrue();
  }

  @Test
  void withoutASignalTheWaitRunsOut() throws InterruptedException {
    assertThat(queues.awaitArrival(queues.arrivalsSeen(), 1)).isFalse();
  }

  @Test
  void aSignalDuringTheWaitEndsIt() throws Exception {
    long seen = queues.arrivalsSeen();
    Thread sender = new Thread(queues::signal);
    sender.start();
    assertThat(queues.awaitArrival(seen, 600_000)).isTrue();
    sender.join();
  }
}
