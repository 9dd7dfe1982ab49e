package org.offerdesk.app.listings.internal;

import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.marketplace.Marketplace;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps listings fresh: once an hour each connected organization gets a sync job. The job's key names
 * the hour, so several instances asking at once still sync once.
 */
@Component
class ListingSyncSchedule implements JobHandler {

  static final String KIND = "listings.sync";

  private final Jobs jobs;
  private final Marketplace marketplace;
  private final ListingSync sync;

  ListingSyncSchedule(Jobs jobs, Marketplace marketplace, ListingSync sync) {
    this.jobs = jobs;
    this.marketplace = marketplace;
    this.sync = sync;
  }

  @Scheduled(initialDelayString = "${offerdesk.listings.sync-initial-delay:PT1M}",
      fixedDelayString = "${offerdesk.listings.sync-check-interval:PT10M}")
  @Transactional
  public void scheduleHourlySyncs() {
    jobs.schedulePerSlot(KIND, marketplace.connectedOrganizations(), java.time.Duration.ofHours(1));
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** Calls out (HTTP, SMTP or the marketplace): runs outside any transaction and commits its own work. */
  @Override
  public boolean callsOut() {
    return true;
  }

  @Override
  public int maxAttempts() {
    return 3;
  }

  @Override
  public void handle(Job job) {
    sync.sync(job.organizationId());
  }
}
