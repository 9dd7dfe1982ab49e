package org.offerdesk.sandbox.catalog;

/** An offer's lifecycle: a draft is released once and stays released; expiry comes from its availability date. */
public enum OfferState {
  Draft,
  Released;

  boolean canMoveTo(OfferState next) {
    return this == Draft && next == Released;
  }
}
