package org.offerdesk.app.offers.internal;

import java.util.List;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobHandler;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceAgreements.AgreementSummary;
import org.offerdesk.app.offers.OfferStage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events are delivered at best effort: every few minutes each organization's open offers are looked up
 * in the Agreement API, so an acceptance whose event was lost still moves its offer.
 */
@Component
class AgreementSweep implements JobHandler {

  static final String KIND = "offers.agreement-sweep";

  private final Jobs jobs;
  private final Marketplace marketplace;
  private final JdbcClient jdbc;
  private final OfferAssociation association;
  private final OfferTracking tracking;
  private final OfferStore offers;
  private final TransactionTemplate tx;
  private final java.time.Duration interval;

  AgreementSweep(Jobs jobs, Marketplace marketplace, JdbcClient jdbc, OfferAssociation association,
      OfferTracking tracking, OfferStore offers, TransactionTemplate tx,
      @org.springframework.beans.factory.annotation.Value("${offerdesk.offers.sweep-interval:PT5M}")
      java.time.Duration interval) {
    this.interval = interval;
    this.jobs = jobs;
    this.marketplace = marketplace;
    this.jdbc = jdbc;
    this.association = association;
    this.tracking = tracking;
    this.offers = offers;
    this.tx = tx;
  }

  @Scheduled(initialDelayString = "${offerdesk.offers.sweep-interval:PT5M}",
      fixedDelayString = "${offerdesk.offers.sweep-interval:PT5M}")
  @Transactional
  public void scheduleSweeps() {
    jobs.schedulePerSlot(KIND, marketplace.connectedOrganizations(), interval);
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
    return 2;
  }

  @Override
  public void handle(Job job) {
    sweep(job.organizationId());
  }

  void sweep(UUID org) {
    List<String> open = jdbc.sql("""
        SELECT marketplace_offer_id FROM offer WHERE organization_id = ? AND marketplace_offer_id IS NOT NULL
          AND stage IN ('SENT', 'VIEWED')""").param(org).query(String.class).list();
    for (String offerId : open) {
      // Asked outside any transaction; what it answered is recorded in one of its own.
      association.acceptedAgreement(org, offerId).map(AgreementSummary::id).ifPresent(agreementId ->
          tx.executeWithoutResult(s -> {
            tracking.accepted(org, offerId, agreementId, null, "agreement sweep");
            offers.findByMarketplaceId(org, offerId)
                .filter(o -> o.stage() == OfferStage.ACCEPTED && o.sourceAgreementId() != null)
                .ifPresent(o -> tracking.replaced(org, o.sourceAgreementId(), agreementId, null, "agreement sweep"));
          }));
    }
  }
}
