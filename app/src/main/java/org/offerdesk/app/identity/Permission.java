package org.offerdesk.app.identity;

/** One thing a caller may do. Roles grant sets of these; see {@link Role}. */
public enum Permission {
  OFFERS_VIEW,
  OFFERS_EDIT,
  ORDERS_VIEW,
  ORDERS_EDIT,
  PARTNERS_VIEW,
  PARTNERS_EDIT,
  FINANCE_VIEW,
  FINANCE_EDIT,
  LISTINGS_VIEW,
  LISTINGS_EDIT,
  USERS_MANAGE,
  TOKENS_MANAGE,
  AUDIT_VIEW,
  SETTINGS_MANAGE
}
