package org.offerdesk.app.demo.internal;

import java.time.Instant;
import java.util.UUID;

/** One seeding of a demo organization's history, as the API and the dashboard's banner show it. */
record DemoSeeding(UUID id, String cause, String status, int stepsDone, int stepsTotal, String step, String error,
    String summary, Instant startedAt, Instant finishedAt) {

  boolean running() {
    return "RUNNING".equals(status);
  }
}
