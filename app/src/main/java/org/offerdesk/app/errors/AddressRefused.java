package org.offerdesk.app.errors;

/**
 * A URL the caller gave points where OfferDesk does not call (link-local, or internal in production): a
 * kind of invalid input that clients may tell apart, because changing the allow-list, not the form, fixes it.
 */
public final class AddressRefused extends InvalidInput {

  public AddressRefused(String field, String reason) {
    super(field, reason);
  }
}
