package org.offerdesk.app.listings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The listings of an organization, as synced from its marketplace. */
public interface Listings {

  List<Listing> all(UUID organizationId);

  Optional<Listing> find(UUID organizationId, String productId);

  /** Each listing's title by product ID, in title order: what tables show instead of a product ID. */
  default Map<String, String> titles(UUID organizationId) {
    Map<String, String> titles = new LinkedHashMap<>();
    all(organizationId).forEach(l -> titles.putIfAbsent(l.productId(), l.title()));
    return titles;
  }
}
