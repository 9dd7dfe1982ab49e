package org.offerdesk.app.identity;

/** A software company selling its own products, or a channel partner reselling them. */
public enum OrganizationKind {
  SELLER,
  RESELLER
}
