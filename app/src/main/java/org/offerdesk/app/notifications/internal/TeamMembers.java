package org.offerdesk.app.notifications.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.offerdesk.app.identity.OrganizationNames;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.TeamDirectory;
import org.offerdesk.app.notifications.NotificationType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who in an organization is told of a notice: its active users in the type's audience (from identity's
 * {@link TeamDirectory}), with each one's own choice of channels for the type.
 */
@Repository
class TeamMembers {

  /** An active user whose role hears of the type, with what they chose for it. */
  record Recipient(UUID userId, String email, String displayName, Role role, String organizationName,
      boolean console, boolean emailOn) {}

  private final JdbcClient jdbc;
  private final TeamDirectory directory;
  private final OrganizationNames names;

  TeamMembers(JdbcClient jdbc, TeamDirectory directory, OrganizationNames names) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.names = names;
  }

  List<Recipient> recipients(UUID organizationId, NotificationType type, Set<Role> roles) {
    List<TeamDirectory.Member> members = directory.activeMembers(organizationId, roles);
    if (members.isEmpty()) {
      return List.of();
    }
    String organizationName = names.nameOf(organizationId).orElse("");
    Map<UUID, Map<String, Boolean>> chosen = new HashMap<>();
    jdbc.sql("""
        SELECT user_id, channel, enabled FROM notification_preference
        WHERE type = :type AND user_id IN (:users)""")
        .param("type", type.name())
        .param("users", members.stream().map(TeamDirectory.Member::userId).toList())
        .query(rs -> {
          chosen.computeIfAbsent(rs.getObject("user_id", UUID.class), k -> new HashMap<>())
              .put(rs.getString("channel"), rs.getBoolean("enabled"));
        });
    return members.stream().map(m -> {
      Map<String, Boolean> c = chosen.getOrDefault(m.userId(), Map.of());
      return new Recipient(m.userId(), m.email(), m.displayName(), m.role(), organizationName,
          c.getOrDefault("CONSOLE", true), c.getOrDefault("EMAIL", true));
    }).toList();
  }
}
