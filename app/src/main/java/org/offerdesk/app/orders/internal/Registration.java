package org.offerdesk.app.orders.internal;

import java.time.Instant;
import java.util.Map;

/** Who the buyer is, as the buyer told us on the registration page, or as the offer's metadata says. */
record Registration(Source source, String company, String contactName, String email, Map<String, Object> fields,
    String customerIdentifier, Instant registeredAt) {

  /** Where the registration came from: the buyer's form, the offer's metadata, or the seller identifying the buyer. */
  enum Source { BUYER, AUTOMATIC, SELLER }
}
