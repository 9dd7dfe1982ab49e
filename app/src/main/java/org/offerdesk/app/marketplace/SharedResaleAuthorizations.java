package org.offerdesk.app.marketplace;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * The reseller's side of the Catalog API's resale authorizations: those manufacturers shared with the
 * reseller's account (ListEntities with OwnershipType SHARED), and each one's terms (DescribeEntity). Calls
 * may throw {@link Marketplace.NotConnected}, {@link MarketplaceRejection} or {@link MarketplaceUnreachable}.
 */
public interface SharedResaleAuthorizations {

  /** One page (up to 50) of the IDs of the resale authorizations shared with the organization's account. */
  ResultPage<String> sharedIds(UUID organizationId, String nextToken);

  /** Every shared resale authorization's ID, page by page. */
  default void eachSharedId(UUID organizationId, Consumer<String> action) {
    ResultPage.forEach(next -> sharedIds(organizationId, next), action);
  }

  /** One resale authorization the account can see, with its terms as the marketplace holds them now. */
  SharedAuthorization describe(UUID organizationId, String resaleAuthorizationId);
}
