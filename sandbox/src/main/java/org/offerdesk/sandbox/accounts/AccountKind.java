package org.offerdesk.sandbox.accounts;

/** What an account does in the marketplace. Sellers and resellers call the API; buyers accept offers. */
public enum AccountKind {
  SELLER,
  RESELLER,
  BUYER;

  public boolean signsApiCalls() {
    return this != BUYER;
  }
}
