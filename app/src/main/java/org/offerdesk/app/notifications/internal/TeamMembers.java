package org.offerdesk.app.notifications.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.notifications.NotificationType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who in an organization is told of a notice. Reads identity's {@code app_user} and {@code organization}
 * tables directly, read-only: identity has no public way to list an organization's users yet, and this
 * one query is all notifications need (replace it with such an API when there is one).
 */
@Repository
class TeamMembers {

  /** An active user whose role hears of the type, with what they chose for it. */
  record Recipient(UUID userId, String email, String displayName, Role role, String organizationName,
      boolean console, boolean emailOn) {}

  private final JdbcClient jdbc;

  TeamMembers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Recipient> recipients(UUID organizationId, NotificationType type, Set<Role> roles) {
    if (roles.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        SELECT u.id, u.email, u.display_name, u.role, o.name AS organization_name,
               COALESCE(c.enabled, true) AS console, COALESCE(e.enabled, true) AS email_on
          FROM app_user u
          JOIN organization o ON o.id = u.organization_id
          LEFT JOIN notification_preference c ON c.user_id = u.id AND c.type = :type AND c.channel = 'CONSOLE'
          LEFT JOIN notification_preference e ON e.user_id = u.id AND e.type = :type AND e.channel = 'EMAIL'
         WHERE u.organization_id = :org AND u.active AND u.role IN (:roles)
         ORDER BY u.created_at, u.id""")
        .param("org", organizationId)
        .param("type", type.name())
        .param("roles", roles.stream().map(Role::name).toList())
        .query((rs, n) -> new Recipient(rs.getObject("id", UUID.class), rs.getString("email"),
            rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getString("organization_name"),
            rs.getBoolean("console"), rs.getBoolean("email_on")))
        .list();
  }
}
