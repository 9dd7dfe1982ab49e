package org.offerdesk.app.offers.internal;

/** The three groups of seller metadata on an offer. */
enum MetadataGroup {
  BOOKING,
  REGISTRATION,
  CONTRACT
}
