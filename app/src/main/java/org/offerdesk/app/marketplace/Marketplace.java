package org.offerdesk.app.marketplace;

import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.marketplaceagreement.MarketplaceAgreementClient;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;
import software.amazon.awssdk.services.marketplaceentitlement.MarketplaceEntitlementClient;
import software.amazon.awssdk.services.marketplacemetering.MarketplaceMeteringClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The official AWS SDK clients for an organization's marketplace account: the only way OfferDesk talks
 * to a marketplace. Against the sandbox or AWS, only the endpoint and credentials differ. Clients are
 * built with the SDK's standard retry strategy (exponential backoff with jitter on throttling and
 * transient errors) and are cached until the connection changes.
 */
public interface Marketplace {

  Optional<MarketplaceConnection> connection(UUID organizationId);

  /** Every organization that has a connection, for work that runs on a schedule. */
  java.util.List<UUID> connectedOrganizations();

  /** Throws {@link NotConnected} when the organization has no connection. */
  MarketplaceCatalogClient catalog(UUID organizationId);

  MarketplaceAgreementClient agreements(UUID organizationId);

  MarketplaceMeteringClient metering(UUID organizationId);

  MarketplaceEntitlementClient entitlements(UUID organizationId);

  SqsClient events(UUID organizationId);

  /** Raised when a capability needs the marketplace and the organization has not connected one. */
  class NotConnected extends RuntimeException {
    public NotConnected(UUID organizationId) {
      super("No marketplace connection is configured for organization " + organizationId
          + "; set it up in Settings → Marketplace");
    }

    /** The organization has a connection that cannot be used, for the reason given. */
    public NotConnected(UUID organizationId, String reason) {
      super(reason + " (organization " + organizationId + "; see Settings → Marketplace)");
    }
  }
}
