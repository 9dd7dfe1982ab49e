package org.offerdesk.app.offers.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The partner side of offers in PostgreSQL: which resale authorization a partner offer is built on and
 * which reseller made it, and the lookups an ISV's partner offers are matched by. Scoped to one organization.
 */
@Repository
class PartnerOfferLinks {

  /** A partner offer's link to its authorization ({@code resaleauthz-…}) and reseller. */
  record Link(String resaleAuthorizationId, String resellerAccountId) {}

  private final JdbcClient jdbc;
  private final OfferStore offers;

  PartnerOfferLinks(JdbcClient jdbc, OfferStore offers) {
    this.jdbc = jdbc;
    this.offers = offers;
  }

  void link(UUID organizationId, UUID offerId, Link link) {
    jdbc.sql("UPDATE offer SET marketplace_resale_authorization_id = COALESCE(?, marketplace_resale_authorization_id),"
            + " reseller_account_id = COALESCE(?, reseller_account_id) WHERE organization_id = ? AND id = ?")
        .params(link.resaleAuthorizationId(), link.resellerAccountId(), organizationId, offerId).update();
  }

  Optional<Link> linkOf(UUID organizationId, UUID offerId) {
    return jdbc.sql("SELECT marketplace_resale_authorization_id, reseller_account_id FROM offer "
            + "WHERE organization_id = ? AND id = ? AND marketplace_resale_authorization_id IS NOT NULL")
        .params(organizationId, offerId)
        .query((rs, row) -> new Link(rs.getString(1), rs.getString(2))).optional();
  }

  /** The links of several partner offers in one query (a page of the offers list), by offer. */
  Map<UUID, Link> linksOf(UUID organizationId, Collection<UUID> offerIds) {
    Map<UUID, Link> found = new HashMap<>();
    if (!offerIds.isEmpty()) {
      jdbc.sql("SELECT id, marketplace_resale_authorization_id, reseller_account_id FROM offer "
              + "WHERE organization_id = ? AND id = ANY (?) AND marketplace_resale_authorization_id IS NOT NULL")
          .params(organizationId, offerIds.toArray(UUID[]::new))
          .query(rs -> {
            found.put(rs.getObject(1, UUID.class), new Link(rs.getString(2), rs.getString(3)));
          });
    }
    return found;
  }

  /**
   * The partner offer on this authorization for this buyer whose marketplace offer ID is not known yet:
   * its agreement arrived before the offer was announced.
   */
  Optional<Offer> awaitingOfferId(UUID organizationId, String resaleAuthorizationId, List<String> buyers) {
    return jdbc.sql("SELECT * FROM offer WHERE organization_id = ? AND type = 'PARTNER' "
            + "AND marketplace_resale_authorization_id = ? AND marketplace_offer_id IS NULL "
            + "AND buyer_account_ids && ? ORDER BY created_at LIMIT 1")
        .params(organizationId, resaleAuthorizationId, new SqlTextArray(buyers)).query(offers::map).optional();
  }

  /** The authorization's partner offer for this buyer not accepted yet, the oldest first. */
  Optional<Offer> openFor(UUID organizationId, String resaleAuthorizationId, String buyer) {
    return jdbc.sql("SELECT * FROM offer WHERE organization_id = ? AND type = 'PARTNER' "
            + "AND marketplace_resale_authorization_id = ? AND agreement_id IS NULL "
            + "AND buyer_account_ids @> ARRAY[CAST(? AS text)] ORDER BY created_at LIMIT 1")
        .params(organizationId, resaleAuthorizationId, buyer).query(offers::map).optional();
  }

  List<Offer> ofAuthorization(UUID organizationId, String resaleAuthorizationId) {
    return jdbc.sql("SELECT * FROM offer WHERE organization_id = ? AND marketplace_resale_authorization_id = ? "
            + "ORDER BY created_at")
        .params(organizationId, resaleAuthorizationId).query(offers::map).list();
  }
}
