package org.offerdesk.app.orders.internal;

import java.time.Duration;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.marketplace.ConnectedOrganizationsWork;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceAgreements;
import org.offerdesk.app.marketplace.MarketplaceAgreements.AgreementQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Events arrive at best effort: every few minutes each organization's agreements are searched
 * (SearchAgreements, as proposer), and any without an order gets one; an agreement that ended while its
 * event was lost ends its order; a refund whose completion event was lost takes its status from the marketplace.
 */
@Component
class OrderSweep extends ConnectedOrganizationsWork {

  static final String KIND = "orders.agreement-sweep";

  private final MarketplaceAgreements agreements;
  private final OrderIntake intake;
  private final OrderLifecycle lifecycle;
  private final OrderStore orders;
  private final Refunds refunds;

  OrderSweep(Marketplace marketplace, MarketplaceAgreements agreements, OrderIntake intake, OrderLifecycle lifecycle,
      OrderStore orders, Refunds refunds,
      @Value("${offerdesk.orders.sweep-interval:PT5M}") Duration interval) {
    super(marketplace, KIND, interval, 2);
    this.agreements = agreements;
    this.intake = intake;
    this.lifecycle = lifecycle;
    this.orders = orders;
    this.refunds = refunds;
  }

  /** Each agreement is taken in its own transaction, so one that fails does not hold back the others. */
  @Override
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  public void handle(Job job) {
    UUID org = job.organizationId();
    agreements.eachAgreement(org, AgreementQuery.all(), a -> {
      var existing = orders.byAgreement(org, a.id());
      if (existing.isEmpty() && "ACTIVE".equals(a.status())) {
        intake.intake(org, a.id(), OrderIntake.Hints.none("agreement sweep"));
      } else if (existing.isPresent() && !existing.get().status().isClosed() && !"ACTIVE".equals(a.status())) {
        lifecycle.agreementEnded(org, a.id(), a.status());
      }
    });
    refunds.followPending(org);
  }
}
