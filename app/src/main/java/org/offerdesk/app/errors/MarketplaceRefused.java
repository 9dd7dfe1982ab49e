package org.offerdesk.app.errors;

import java.util.List;

/**
 * The marketplace could not do what was asked: it is not connected yet, or it answered with an error or
 * could not be reached. The message says which, with what the marketplace answered.
 */
public final class MarketplaceRefused extends DomainException {

  /** Whether an admin must first connect the marketplace, or the marketplace itself refused or failed. */
  public enum Reason { NOT_CONNECTED, FAILED }

  private final Reason reason;

  private MarketplaceRefused(Reason reason, String detail) {
    super(detail, List.of());
    this.reason = reason;
  }

  /** No marketplace connection is set up for the organization. */
  public static MarketplaceRefused notConnected(String detail) {
    return new MarketplaceRefused(Reason.NOT_CONNECTED, detail);
  }

  /** The marketplace answered with an error, or could not be reached. */
  public static MarketplaceRefused failed(String detail) {
    return new MarketplaceRefused(Reason.FAILED, detail);
  }

  public Reason reason() {
    return reason;
  }
}
