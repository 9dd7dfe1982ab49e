package org.offerdesk.app.partners;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The resale authorizations an ISV granted, as the offers capability links partner offers to them. */
public interface ResaleAuthorizations {

  /** The organization's authorization with this marketplace ID ({@code resaleauthz-…}). */
  Optional<Granted> byMarketplaceId(UUID organizationId, String marketplaceResaleAuthorizationId);

  /**
   * The OfferDesk ID of each of the organization's authorizations among these marketplace IDs (those it has
   * not are left out), read at once: what a page of invoices links to.
   */
  Map<String, UUID> idsByMarketplaceIds(UUID organizationId, List<String> marketplaceResaleAuthorizationIds);

  /**
   * A reseller made an offer on the authorization: a single-use one is CONSUMED (forward only; a repeated
   * call changes nothing).
   */
  void offerMade(UUID organizationId, String marketplaceResaleAuthorizationId, String cause);

  /**
   * An authorization as a partner offer shows it: who it was granted to, to which buyers, and the
   * wholesale value of one offer on it (the sum of its wholesale prices; null until they are known).
   */
  record Granted(UUID id, String marketplaceResaleAuthorizationId, String name, String productId,
      String resellerAccountId, List<String> buyerAccountIds, String currency, BigDecimal wholesaleValue,
      Integer durationMonths, LocalDate endsOn, ResaleAuthorizationStatus status) {}
}
