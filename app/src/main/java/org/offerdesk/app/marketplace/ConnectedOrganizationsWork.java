package org.offerdesk.app.marketplace;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.offerdesk.app.jobs.RecurringWork;

/**
 * Recurring work for each organization connected to a marketplace (a sweep, a sync): the jobs module runs
 * it {@link #every()} so often per organization. It calls the marketplace, so it runs outside any
 * transaction and commits its own work.
 */
public abstract class ConnectedOrganizationsWork implements RecurringWork {

  private final Marketplace marketplace;
  private final String kind;
  private final Duration every;
  private final int maxAttempts;

  protected ConnectedOrganizationsWork(Marketplace marketplace, String kind, Duration every, int maxAttempts) {
    this.marketplace = marketplace;
    this.kind = kind;
    this.every = every;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public Duration every() {
    return every;
  }

  @Override
  public Collection<UUID> organizations() {
    return marketplace.connectedOrganizations();
  }

  @Override
  public boolean callsOut() {
    return true;
  }

  /** Attempts per run; a run that fails them all is not parked, the next run is its retry. */
  @Override
  public int maxAttempts() {
    return maxAttempts;
  }
}
