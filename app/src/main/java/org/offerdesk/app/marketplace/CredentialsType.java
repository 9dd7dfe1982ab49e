package org.offerdesk.app.marketplace;

/** How OfferDesk signs its marketplace calls: with an access key pair, or by assuming a role. */
public enum CredentialsType {
  ACCESS_KEY,
  ASSUME_ROLE
}
