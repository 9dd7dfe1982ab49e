package org.offerdesk.app.jobs;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;

/**
 * Work done again and again for each organization (a sweep, a poll, a sync), run on the durable job queue
 * rather than on a module's own timer. Declare it as a bean like any {@link JobHandler}; the jobs module
 * then keeps exactly one pending job per kind and organization, for every organization
 * {@link #organizations()} names. When a run ends (done, or failed for the last time) the same job is
 * due again {@link #every()} later on the platform {@link java.time.Clock}. The job lives in the database,
 * so the schedule survives restarts and each run happens on one instance, however many there are.
 */
public interface RecurringWork extends JobHandler {

  /** Business time from the end of one run to the next run's due time. */
  Duration every();

  /** The organizations that have this work now, for example those connected to the marketplace. */
  Collection<UUID> organizations();

  /**
   * How often (time on this machine) an instance checks that each organization has its job, and stops
   * the jobs of organizations that no longer have the work: how soon a newly connected organization gets
   * its first run. The runs themselves follow {@link #every()}.
   */
  default Duration checkEvery() {
    return every();
  }

  /** How long after start an instance first checks; by default {@link #checkEvery()}. */
  default Duration firstCheckAfter() {
    return checkEvery();
  }
}
