package org.offerdesk.app.offers;

import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;

/** The offers capability as other capabilities use it. */
public interface Offers {

  Optional<OfferSummary> find(UUID organizationId, UUID offerId);

  /**
   * The organization's offer with this marketplace ID; when OfferDesk did not make it, associates it
   * (reads it from the marketplace) as a person would with "Associate". Empty when the marketplace does
   * not show the organization such a private offer (a public offer, or another seller's).
   */
  Optional<OfferSummary> findOrAssociate(UUID organizationId, String marketplaceOfferId, String actor);

  /**
   * The reseller's deal on its own partner offer for the quantities bought (dimension key to quantity; a
   * contract price without a dimension counts once). Empty for any other offer.
   */
  Optional<ResellerDeal> resellerDeal(UUID organizationId, UUID offerId, java.util.Map<String, Long> quantities);

  /** The order behind the offer was registered: the offer moves to REGISTERED (forward only). */
  void registered(UUID organizationId, UUID offerId, String cause);

  /** The order behind the offer was provisioned: PROVISIONED (forward only). */
  void provisioned(UUID organizationId, UUID offerId, String cause);

  /**
   * Drafts a renewal offer of an ending agreement (same buyer, product, dimensions and prices; service
   * dates from the end date on), flagged as a renewal. Refused ({@code Conflict}) while another renewal
   * offer of the agreement is still a draft or live.
   */
  OfferSummary draftRenewal(Caller caller, RenewalBasis basis);
}
