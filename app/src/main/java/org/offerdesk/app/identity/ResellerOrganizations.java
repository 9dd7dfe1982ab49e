package org.offerdesk.app.identity;

import java.util.UUID;

/**
 * Opens a reseller's own organization on this OfferDesk with its first admin, for the partners capability
 * once the reseller's admin accepts an ISV's invitation. Call it inside the transaction that consumes the
 * invitation, so both happen or neither.
 */
public interface ResellerOrganizations {

  /** What the reseller's admin enters on the invitation's page. */
  record NewReseller(String organizationName, String adminEmail, String adminName, String password) {}

  /** The organization opened (kind RESELLER) and its admin's email (role PARTNER_ADMIN). */
  record Opened(UUID organizationId, String adminEmail) {}

  /**
   * Opens the organization; bad fields (named {@code organizationName}, {@code adminEmail}, {@code adminName},
   * {@code password}) or an email that already signs in elsewhere are an {@code InvalidInput}, and nothing
   * is written.
   */
  Opened open(NewReseller request, String cause);
}
