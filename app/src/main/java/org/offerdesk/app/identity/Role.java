package org.offerdesk.app.identity;

import static org.offerdesk.app.identity.Permission.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The roles a user or token can hold and, in this one place, what each may do. Pages and the API
 * check permissions, never role names.
 */
public enum Role {
  /** Runs the seller's account: everything, including users, tokens and settings. */
  ADMIN(OrganizationKind.SELLER, EnumSet.allOf(Permission.class)),
  /** Sales reps and deal desk: create and send offers, authorize resellers. */
  SALES(OrganizationKind.SELLER, EnumSet.of(OFFERS_VIEW, OFFERS_EDIT, ORDERS_VIEW, PARTNERS_VIEW, PARTNERS_EDIT,
      LISTINGS_VIEW)),
  /** Finance: bookings, invoices, disbursements and reconciliation; reads the rest. */
  FINANCE(OrganizationKind.SELLER, EnumSet.of(OFFERS_VIEW, ORDERS_VIEW, ORDERS_EDIT, PARTNERS_VIEW, FINANCE_VIEW,
      FINANCE_EDIT, LISTINGS_VIEW)),
  /** Reads everything a seller has, changes nothing. */
  VIEWER(OrganizationKind.SELLER, EnumSet.of(OFFERS_VIEW, ORDERS_VIEW, PARTNERS_VIEW, FINANCE_VIEW, LISTINGS_VIEW)),
  /**
   * Runs a reseller's account: its partner offers, users and tokens, and its money (the ledger of its channel
   * deals: the buyer's price, its wholesale cost and its margin).
   */
  PARTNER_ADMIN(OrganizationKind.RESELLER, EnumSet.of(OFFERS_VIEW, OFFERS_EDIT, ORDERS_VIEW, PARTNERS_VIEW,
      FINANCE_VIEW, FINANCE_EDIT, USERS_MANAGE, TOKENS_MANAGE, AUDIT_VIEW, SETTINGS_MANAGE)),
  /** A reseller's sales rep: builds partner offers on the authorizations it was granted. */
  PARTNER_SALES(OrganizationKind.RESELLER, EnumSet.of(OFFERS_VIEW, OFFERS_EDIT, ORDERS_VIEW, PARTNERS_VIEW));

  private final OrganizationKind kind;
  private final Set<Permission> permissions;

  Role(OrganizationKind kind, Set<Permission> permissions) {
    this.kind = kind;
    this.permissions = Set.copyOf(permissions);
  }

  public OrganizationKind organizationKind() {
    return kind;
  }

  public Set<Permission> permissions() {
    return permissions;
  }

  public boolean allows(Permission permission) {
    return permissions.contains(permission);
  }

  /** The roles a user or token of an organization of this kind may hold. */
  public static List<Role> forKind(OrganizationKind kind) {
    return Arrays.stream(values()).filter(r -> r.kind == kind).toList();
  }
}
