package org.offerdesk.app.identity.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.TeamDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class MemberDirectory implements TeamDirectory {

  private final JdbcClient jdbc;

  MemberDirectory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<Member> activeMembers(UUID organizationId, Set<Role> roles) {
    if (roles.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        SELECT id, email, display_name, role FROM app_user
        WHERE organization_id = :org AND active AND role IN (:roles) ORDER BY created_at, id""")
        .param("org", organizationId)
        .param("roles", roles.stream().map(Role::name).toList())
        .query((rs, n) -> new Member(rs.getObject("id", UUID.class), rs.getString("email"),
            rs.getString("display_name"), Role.valueOf(rs.getString("role"))))
        .list();
  }
}
