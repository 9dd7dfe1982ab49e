package org.offerdesk.app.orders;

/** How the buyer came: a public listing, a direct private offer, an amendment, or a partner's offer. */
public enum OrderKind {
  PUBLIC,
  DIRECT,
  AMENDMENT,
  PARTNER;

  /** Private orders are registered automatically an hour after acceptance when the buyer does not. */
  public boolean isPrivate() {
    return this != PUBLIC;
  }
}
