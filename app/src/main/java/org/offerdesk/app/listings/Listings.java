package org.offerdesk.app.listings;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The listings of an organization, as synced from its marketplace. */
public interface Listings {

  List<Listing> all(UUID organizationId);

  Optional<Listing> find(UUID organizationId, String productId);
}
