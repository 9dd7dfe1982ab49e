package org.offerdesk.app.marketplace;

import java.util.Optional;
import java.util.UUID;

/**
 * Which organizations have a marketplace account, and how it is reached. The marketplace itself is asked
 * through the ports {@link MarketplaceCatalog}, {@link MarketplaceAgreements} and {@link MarketplaceBuyers},
 * which speak OfferDesk types; the AWS SDK behind them (standard retry strategy: exponential backoff with
 * jitter on throttling and transient errors; clients cached until the connection changes) never leaves
 * {@code marketplace.internal}. Against the sandbox or AWS, only the endpoint and credentials differ.
 */
public interface Marketplace {

  Optional<MarketplaceConnection> connection(UUID organizationId);

  /** Every organization that has a connection, for work that runs on a schedule. */
  java.util.List<UUID> connectedOrganizations();

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
