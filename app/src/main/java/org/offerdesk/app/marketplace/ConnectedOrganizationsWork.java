package org.offerdesk.app.marketplace;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.offerdesk.app.jobs.JobKind;
import org.offerdesk.app.jobs.KindedJobHandler;
import org.offerdesk.app.jobs.RecurringWork;

/**
 * Recurring work for each organization connected to a marketplace (a sweep, a sync): the jobs module runs
 * it {@link #every()} so often per organization. It calls the marketplace, so it runs outside any
 * transaction and commits its own work.
 */
public abstract class ConnectedOrganizationsWork extends KindedJobHandler implements RecurringWork {

  private final Marketplace marketplace;
  private final Duration every;

  /** {@code maxAttempts}: attempts per run; a run that fails them all is not parked, the next run is its retry. */
  protected ConnectedOrganizationsWork(Marketplace marketplace, String kind, Duration every, int maxAttempts) {
    super(JobKind.callingOut(kind, maxAttempts));
    this.marketplace = marketplace;
    this.every = every;
  }

  @Override
  public Duration every() {
    return every;
  }

  @Override
  public Collection<UUID> organizations() {
    return marketplace.connectedOrganizations();
  }
}
