package org.offerdesk.app.jobs;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Schedules durable work. Call it inside the transaction that causes the work: the job exists if and
 * only if the change commits.
 */
public interface Jobs {

  /**
   * Schedules a job. With a {@code dedupeKey}, scheduling the same key again does nothing and returns
   * the existing job's ID, so a duplicated event schedules its work once.
   */
  UUID schedule(String kind, UUID organizationId, Object payload, Instant dueAt, String dedupeKey);

  default UUID scheduleNow(String kind, UUID organizationId, Object payload, String dedupeKey) {
    return schedule(kind, organizationId, payload, null, dedupeKey);
  }

  /** Makes a pending job due now (its reason to wait is gone); false when there is none. */
  boolean expedite(String dedupeKey);

  /** Cancels a pending job (for example a reminder whose reason went away). */
  boolean cancel(String dedupeKey);

  Optional<JobStatus> status(UUID id);
}
