package org.offerdesk.app.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.web.CursorPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiTokens {

  /** How often a token's last use is written at most. */
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final VerifiedTokens verified;

  ApiTokens(JdbcClient jdbc, VerifiedTokens verified) {
    this.jdbc = jdbc;
    this.verified = verified;
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

  /** A token and the organization it belongs to. */
  record WithOrganization(ApiToken token, Organization organization) {}

  /**
   * The token with this secret's hash and its organization, in one query: an API request is signed in with
   * one round trip to the database (and one pool checkout), not one for the token and one for its owner.
   */
  Optional<WithOrganization> withOrganizationBySecretHash(String hash) {
    return jdbc.sql("""
        SELECT t.*, o.slug AS org_slug, o.name AS org_name, o.kind AS org_kind, o.created_at AS org_created_at
        FROM api_token t JOIN organization o ON o.id = t.organization_id WHERE t.secret_hash = ?""")
        .param(hash)
        .query((rs, row) -> new WithOrganization(map(rs, row), Organizations.map(rs, "org_")))
        .optional();
  }

  /**
   * As {@link #withOrganizationBySecretHash}, trusting a read of the last few seconds ({@link VerifiedTokens}:
   * a token revoked through this instance is refused at once, through another within {@link VerifiedTokens#FOR}).
   */
  Optional<WithOrganization> verifiedBySecretHash(String hash, Instant now) {
    return verified.find(hash, now, this::withOrganizationBySecretHash);
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
    verified.changed(id);
    return jdbc.sql("UPDATE api_token SET revoked_at = ? WHERE organization_id = ? AND id = ? AND revoked_at IS NULL")
        .params(Times.toTimestamp(at), organizationId, id).update() == 1;
  }

  /** Keeps a token that must exist (the bootstrap token) active: un-revoked, unexpired, of this role. */
  void reinstate(UUID organizationId, UUID id, Role role) {
    verified.changed(id);
    jdbc.sql("UPDATE api_token SET revoked_at = NULL, expires_at = NULL, role = ? WHERE organization_id = ? AND id = ?")
        .params(role.name(), organizationId, id).update();
  }

  /** Whether a token last used at {@code lastUsedAt} should be noted as used at {@code at} (once a minute). */
  static boolean dueForTouch(Instant lastUsedAt, Instant at) {
    return lastUsedAt == null || lastUsedAt.isBefore(at.minus(TOUCH_EVERY));
  }

  /** Records use at most once a minute per token, so a busy client does not write on every call. */
  void touch(ApiToken token, Instant at) {
    verified.used(token.secretHash(), at);
    jdbc.sql("""
        UPDATE api_token SET last_used_at = ? WHERE id = ?
          AND (last_used_at IS NULL OR last_used_at < CAST(? AS timestamptz) - interval '1 minute')""")
        .params(Times.toTimestamp(at), token.id(), Times.toTimestamp(at)).update();
  }

  static ApiToken map(ResultSet rs, int row) throws SQLException {
    return new ApiToken(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
        rs.getString("name"), Role.valueOf(rs.getString("role")), rs.getString("secret_hash"),
        rs.getString("secret_prefix"), rs.getString("created_by"), Times.instant(rs, "created_at"),
        Times.instant(rs, "expires_at"), Times.instant(rs, "revoked_at"), Times.instant(rs, "last_used_at"));
  }
}
