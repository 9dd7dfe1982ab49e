package org.offerdesk.app.jobs;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.sql.SqlReads;

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

  /**
   * Schedules jobs of one kind, due now, in one statement: for each dedupe key (the map's key) its payload. A key
   * already scheduled does nothing, as with {@link #schedule}. For work that arrives in batches (a receive of
   * marketplace events), so that a batch is not one statement a job.
   */
  void scheduleAllNow(String kind, UUID organizationId, java.util.Map<String, ?> payloadsByDedupeKey);

  /**
   * Makes a pending job due now (its reason to wait is gone); false when there is none. A job running now is due
   * again at once if it then waits ({@code RetryLater}) rather than after its wait.
   */
  boolean expedite(String dedupeKey);

  /** Cancels a pending job (for example a reminder whose reason went away). */
  boolean cancel(String dedupeKey);

  Optional<JobStatus> status(UUID id);

  /** A job as an admin page shows it beside the thing it works on. */
  record JobInfo(UUID id, String kind, String dedupeKey, JobStatus status, int attempts, int maxAttempts,
      Instant dueAt, Instant createdAt, Instant finishedAt, String lastError) {

    /** It failed and is not done: waiting for its next attempt, or parked for a person. */
    public boolean failing() {
      return status == JobStatus.PARKED || (status != JobStatus.DONE && lastError != null && attempts > 0);
    }
  }

  /** The organization's jobs with these dedupe keys (those that exist). */
  List<JobInfo> find(UUID organizationId, Collection<String> dedupeKeys);

  /** The organization's jobs of a kind that failed and are not done (retrying or parked), newest first. */
  List<JobInfo> failing(UUID organizationId, String kind, int limit);

  /** Re-queues a parked job of the organization to run now, with fresh attempts; false when none is parked. */
  boolean retry(UUID organizationId, String dedupeKey);

  /**
   * How many of the organization's jobs are parked, waiting for an admin (Settings → Jobs): a read, for the
   * dashboard to run with its other figures.
   */
  SqlReads.Read<Long> parked(UUID organizationId);
}
