package org.offerdesk.app.partners.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import org.offerdesk.app.identity.OrganizationKind;
import org.offerdesk.app.identity.OrganizationNames;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.marketplace.ConnectedOrganizationsWork;
import org.offerdesk.app.marketplace.Marketplace;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Polls the authorizations shared with each connected reseller (AWS announces none of them by event), by
 * the jobs module's recurring work: one run per reseller however many instances run.
 */
@Component
class OpportunitySyncSchedule extends ConnectedOrganizationsWork {

  static final String KIND = "partners.opportunities-sync";

  private final OpportunitySync sync;
  private final OrganizationNames organizations;
  private final Duration check;

  OpportunitySyncSchedule(Marketplace marketplace, OpportunitySync sync, OrganizationNames organizations,
      @Value("${offerdesk.partners.opportunities-sync-interval:PT15M}") Duration every,
      @Value("${offerdesk.partners.opportunities-check-interval:PT5M}") Duration check) {
    super(marketplace, KIND, every, 3);
    this.sync = sync;
    this.organizations = organizations;
    this.check = check;
  }

  /** Only resellers receive authorizations. */
  @Override
  public Collection<UUID> organizations() {
    return super.organizations().stream()
        .filter(id -> organizations.kindOf(id).filter(k -> k == OrganizationKind.RESELLER).isPresent()).toList();
  }

  @Override
  public Duration checkEvery() {
    return check;
  }

  @Override
  public void handle(Job job) {
    sync.sync(job.organizationId());
  }
}
