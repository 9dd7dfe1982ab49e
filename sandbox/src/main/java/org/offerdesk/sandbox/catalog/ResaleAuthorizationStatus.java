package org.offerdesk.sandbox.catalog;

/** A resale authorization's lifecycle: Draft → Active (released) → Restricted (for good). */
public enum ResaleAuthorizationStatus {
  Draft,
  Active,
  Restricted;

  boolean canMoveTo(ResaleAuthorizationStatus next) {
    return (this == Draft && next == Active) || (this == Active && next == Restricted);
  }
}
