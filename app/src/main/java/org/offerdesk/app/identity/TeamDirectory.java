package org.offerdesk.app.identity;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The people of an organization, for capabilities that address them (notifications). */
public interface TeamDirectory {

  /** A user as other capabilities may know them. */
  record Member(UUID userId, String email, String displayName, Role role) {}

  /** The organization's active users holding one of the roles, oldest first. */
  List<Member> activeMembers(UUID organizationId, Set<Role> roles);
}
