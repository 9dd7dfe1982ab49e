package org.offerdesk.app.marketplace;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The buyers of the seller's products (AWS Marketplace Metering and Entitlement APIs): who a registration
 * token names, and what a buyer is entitled to. Every call may throw {@link Marketplace.NotConnected},
 * {@link MarketplaceRejection} (an expired or invalid token is refused with the code
 * "ExpiredTokenException" or "InvalidTokenException") or {@link MarketplaceUnreachable}.
 */
public interface MarketplaceBuyers {

  /** The buyer and product a registration token stands for (ResolveCustomer). */
  Customer resolve(UUID organizationId, String registrationToken);

  /** Every entitlement of a buyer's account to a product (all pages read). */
  List<Entitlement> entitlements(UUID organizationId, String productCode, String buyerAccountId);

  /** A buyer as the marketplace identifies them for one product. */
  record Customer(String customerIdentifier, String awsAccountId, String productCode) {}

  /** What a buyer may use of one dimension: its value as text (a number, a flag or a word), until when. */
  record Entitlement(String dimension, String value, Instant expiresAt) {}
}
