package org.offerdesk.app.offers;

/** Seller to buyer, a reseller's offer on a resale authorization (CPPO), or a replacement of an agreement. */
public enum OfferType {
  DIRECT,
  PARTNER,
  AMENDMENT
}
