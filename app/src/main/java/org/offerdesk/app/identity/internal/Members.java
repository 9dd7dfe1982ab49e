package org.offerdesk.app.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.web.CursorPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users, always looked up within their organization except at sign-in. */
@Repository
class Members {

  private final JdbcClient jdbc;

  Members(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(Member m) {
    jdbc.sql("""
        INSERT INTO app_user (id, organization_id, email, display_name, role, password_hash, active, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(m.id(), m.organizationId(), m.email(), m.displayName(), m.role().name(), m.passwordHash(), m.active(),
            Times.toTimestamp(m.createdAt()))
        .update();
  }

  Optional<Member> byEmail(String email) {
    return jdbc.sql("SELECT * FROM app_user WHERE email = ?").param(email.toLowerCase()).query(Members::map)
        .optional();
  }

  Optional<Member> byId(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM app_user WHERE organization_id = ? AND id = ?").params(organizationId, id)
        .query(Members::map).optional();
  }

  /** A user and the organization it belongs to. */
  record WithOrganization(Member member, Organization organization) {}

  /**
   * The user and its organization in one query: a console session is refreshed on every request, with one
   * round trip to the database rather than one for the user and one for its organization.
   */
  Optional<WithOrganization> withOrganization(UUID organizationId, UUID id) {
    return jdbc.sql("""
        SELECT u.*, o.slug AS org_slug, o.name AS org_name, o.kind AS org_kind, o.created_at AS org_created_at
        FROM app_user u JOIN organization o ON o.id = u.organization_id
        WHERE u.organization_id = ? AND u.id = ?""")
        .params(organizationId, id)
        .query((rs, row) -> new WithOrganization(map(rs, row), Organizations.map(rs, "org_")))
        .optional();
  }

  CursorPage<Member> list(UUID organizationId, String cursor, int limit) {
    return TimeOrder.of("app_user", "created_at", false, Members::map, Member::createdAt, Member::id)
        .page(jdbc, organizationId, cursor, limit);
  }

  long countActiveWithRole(UUID organizationId, Role role) {
    return jdbc.sql("SELECT count(*) FROM app_user WHERE organization_id = ? AND role = ? AND active")
        .params(organizationId, role.name()).query(Long.class).single();
  }

  /** Changes role and activity if nobody changed the user since {@code version}; false otherwise. */
  boolean update(Member m) {
    return jdbc.sql("""
        UPDATE app_user SET role = ?, active = ?, display_name = ?, version = version + 1
        WHERE id = ? AND organization_id = ? AND version = ?""")
        .params(m.role().name(), m.active(), m.displayName(), m.id(), m.organizationId(), m.version())
        .update() == 1;
  }

  void recordFailedSignIn(UUID id, int maxFailures, Instant lockUntil) {
    jdbc.sql("""
        UPDATE app_user SET failed_sign_ins = failed_sign_ins + 1,
          locked_until = CASE WHEN failed_sign_ins + 1 >= ? THEN ? ELSE locked_until END
        WHERE id = ?""")
        .params(maxFailures, Times.toTimestamp(lockUntil), id).update();
  }

  void recordSuccessfulSignIn(UUID id) {
    jdbc.sql("UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?").param(id).update();
  }

  void resetLockIfExpired(UUID id, Instant now) {
    jdbc.sql("UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL WHERE id = ? AND locked_until <= ?")
        .params(id, Times.toTimestamp(now)).update();
  }

  static Member map(ResultSet rs, int row) throws SQLException {
    return new Member(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
        rs.getString("email"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
        rs.getString("password_hash"), rs.getBoolean("active"), rs.getInt("failed_sign_ins"),
        Times.instant(rs, "locked_until"), Times.instant(rs, "created_at"), rs.getInt("version"));
  }
}
