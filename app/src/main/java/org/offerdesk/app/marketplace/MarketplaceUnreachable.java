package org.offerdesk.app.marketplace;

/** A marketplace call got no answer: the endpoint could not be reached, or the call timed out. */
public class MarketplaceUnreachable extends RuntimeException {

  public MarketplaceUnreachable(String message, Throwable cause) {
    super(message, cause);
  }
}
