package org.offerdesk.app.offers.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.marketplace.ConnectedOrganizationsWork;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceAgreements.AgreementSummary;
import org.offerdesk.app.offers.OfferStage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events are delivered at best effort: every few minutes each organization's open offers are looked up
 * in the Agreement API, so an acceptance whose event was lost still moves its offer.
 */
@Component
class AgreementSweep extends ConnectedOrganizationsWork {

  static final String KIND = "offers.agreement-sweep";

  private final JdbcClient jdbc;
  private final OfferAssociation association;
  private final OfferTracking tracking;
  private final OfferStore offers;
  private final TransactionTemplate tx;

  AgreementSweep(Marketplace marketplace, JdbcClient jdbc, OfferAssociation association,
      OfferTracking tracking, OfferStore offers, TransactionTemplate tx,
      @org.springframework.beans.factory.annotation.Value("${offerdesk.offers.sweep-interval:PT5M}")
      Duration interval) {
    super(marketplace, KIND, interval, 2);
    this.jdbc = jdbc;
    this.association = association;
    this.tracking = tracking;
    this.offers = offers;
    this.tx = tx;
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
