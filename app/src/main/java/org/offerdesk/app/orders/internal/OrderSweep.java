package org.offerdesk.app.orders.internal;

import java.time.Duration;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.marketplace.ConnectedOrganizationsWork;
import org.offerdesk.app.marketplace.Marketplace;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import software.amazon.awssdk.services.marketplaceagreement.model.AgreementViewSummary;
import software.amazon.awssdk.services.marketplaceagreement.model.SearchAgreementsResponse;

/**
 * Events arrive at best effort: every few minutes each organization's agreements are searched
 * (SearchAgreements, as proposer), and any without an order gets one; an agreement that ended while its
 * event was lost ends its order.
 */
@Component
class OrderSweep extends ConnectedOrganizationsWork {

  static final String KIND = "orders.agreement-sweep";

  private final Marketplace marketplace;
  private final OrderIntake intake;
  private final OrderLifecycle lifecycle;
  private final OrderStore orders;

  OrderSweep(Marketplace marketplace, OrderIntake intake, OrderLifecycle lifecycle, OrderStore orders,
      @Value("${offerdesk.orders.sweep-interval:PT5M}") Duration interval) {
    super(marketplace, KIND, interval, 2);
    this.marketplace = marketplace;
    this.intake = intake;
    this.lifecycle = lifecycle;
    this.orders = orders;
  }

  /** Each agreement is taken in its own transaction, so one that fails does not hold back the others. */
  @Override
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  public void handle(Job job) {
    UUID org = job.organizationId();
    String next = null;
    do {
      String token = next;
      SearchAgreementsResponse page = marketplace.agreements(org).searchAgreements(r -> r.catalog("AWSMarketplace")
          .filters(f -> f.name("PartyType").values("Proposer"), f -> f.name("AgreementType").values("PurchaseAgreement"))
          .nextToken(token));
      for (AgreementViewSummary a : page.agreementViewSummaries()) {
        var existing = orders.byAgreement(org, a.agreementId());
        if (existing.isEmpty() && "ACTIVE".equals(a.statusAsString())) {
          intake.intake(org, a.agreementId(), OrderIntake.Hints.none("agreement sweep"));
        } else if (existing.isPresent() && !existing.get().status().isClosed() && !"ACTIVE".equals(a.statusAsString())) {
          lifecycle.agreementEnded(org, a.agreementId(), a.statusAsString());
        }
      }
      next = page.nextToken();
    } while (next != null && !next.isEmpty());
  }
}
