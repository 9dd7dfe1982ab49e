package org.offerdesk.app.identity;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * Who is making a request: a signed-in user or an API token, always of exactly one organization. Every
 * query a capability runs is scoped by {@link #organizationId()}.
 */
public record Caller(
    UUID organizationId,
    String organizationName,
    OrganizationKind organizationKind,
    Role role,
    UUID userId,
    String email,
    String displayName,
    UUID tokenId,
    String tokenName) implements Serializable {

  public Caller {
    Objects.requireNonNull(organizationId);
    Objects.requireNonNull(role);
  }

  public boolean isToken() {
    return tokenId != null;
  }

  public boolean can(Permission permission) {
    return role.allows(permission);
  }

  /** How the audit log names this caller. */
  public String describe() {
    return isToken() ? "token " + tokenName + " (" + tokenId + ")" : email;
  }
}
