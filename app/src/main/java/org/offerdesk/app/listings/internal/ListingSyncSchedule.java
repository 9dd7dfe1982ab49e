package org.offerdesk.app.listings.internal;

import java.time.Duration;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.marketplace.ConnectedOrganizationsWork;
import org.offerdesk.app.marketplace.Marketplace;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps listings fresh: each connected organization's listings are synced once an hour, by the jobs
 * module's recurring work, so several instances still sync once and a restart keeps the hour.
 */
@Component
class ListingSyncSchedule extends ConnectedOrganizationsWork {

  static final String KIND = "listings.sync";

  private final ListingSync sync;
  private final Duration firstCheck;
  private final Duration check;

  ListingSyncSchedule(Marketplace marketplace, ListingSync sync,
      @Value("${offerdesk.listings.sync-initial-delay:PT1M}") Duration firstCheck,
      @Value("${offerdesk.listings.sync-check-interval:PT10M}") Duration check) {
    super(marketplace, KIND, Duration.ofHours(1), 3);
    this.sync = sync;
    this.firstCheck = firstCheck;
    this.check = check;
  }

  /** A newly connected organization waits at most this long for its first sync. */
  @Override
  public Duration checkEvery() {
    return check;
  }

  @Override
  public Duration firstCheckAfter() {
    return firstCheck;
  }

  @Override
  public void handle(Job job) {
    sync.sync(job.organizationId());
  }
}
