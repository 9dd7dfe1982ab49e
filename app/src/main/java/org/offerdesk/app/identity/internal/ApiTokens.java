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

@Repository
class ApiTokens {

  private final JdbcClient jdbc;

  ApiTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(ApiToken t) {
    jdbc.sql("""
        INSERT INTO api_token (id, organization_id, name, role, secret_hash, secret_prefix, created_by, created_at,
          expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(t.id(), t.organizationId(), t.name(), t.role().name(), t.secretHash(), t.secretPrefix(),
            t.createdBy(), Times.toTimestamp(t.createdAt()), Times.toTimestamp(t.expiresAt()))
        .update();
  }

  Optional<ApiToken> bySecretHash(String hash) {
    return jdbc.sql("SELECT * FROM api_token WHERE secret_hash = ?").param(hash).query(ApiTokens::map).optional();
  }

  Optional<ApiToken> byId(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM api_token WHERE organization_id = ? AND id = ?").params(organizationId, id)
        .query(ApiTokens::map).optional();
  }

  CursorPage<ApiToken> list(UUID organizationId, String cursor, int limit) {
    return TimeOrder.of("api_token", "created_at", false, ApiTokens::map, ApiToken::createdAt, ApiToken::id)
        .page(jdbc, organizationId, cursor, limit);
  }

  boolean revoke(UUID organizationId, UUID id, Instant at) {
    return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE organization_id = ? AND id = ? AND revoked_at IS NULL")
        .params(Times.toTimestamp(at), organizationId, id).update() == 1;
  }

  /** Keeps a token that must exist (the bootstrap token) active: un-revoked, unexpired, of this role. */
  void reinstate(UUID organizationId, UUID id, Role role) {
    jdbc.sql("UPDATE api_token SET revoked_at = NULL, expires_at = NULL, role = ? WHERE organization_id = ? AND id = ?")
        .params(role.name(), organizationId, id).update();
  }

  /** Records use at most once a minute per token, so a busy client does not write on every call. */
  void touch(UUID id, Instant at) {
    jdbc.sql("""
        UPDATE api_token SET last_used_at = ? WHERE id = ?
          AND (last_used_at IS NULL OR last_used_at < CAST(? AS timestamptz) - interval '1 minute')""")
        .params(Times.toTimestamp(at), id, Times.toTimestamp(at)).update();
  }

  static ApiToken map(ResultSet rs, int row) throws SQLException {
    return new ApiToken(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
        rs.getString("name"), Role.valueOf(rs.getString("role")), rs.getString("secret_hash"),
        rs.getString("secret_prefix"), rs.getString("created_by"), Times.instant(rs, "created_at"),
        Times.instant(rs, "expires_at"), Times.instant(rs, "revoked_at"), Times.instant(rs, "last_used_at"));
  }
}
