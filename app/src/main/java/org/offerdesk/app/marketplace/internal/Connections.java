package org.offerdesk.app.marketplace.internal;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.marketplace.CredentialsType;
import org.offerdesk.app.marketplace.MarketplaceConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored connections; the sealed secret is read only by the client factory. */
@Repository
class Connections {

  /** A connection as stored, with its sealed secret. */
  record Stored(MarketplaceConnection connection, String sealedSecret) {}

  private final JdbcClient jdbc;

  Connections(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Stored> find(UUID organizationId) {
    return jdbc.sql("SELECT * FROM marketplace_connection WHERE organization_id = ?").param(organizationId)
        .query(Connections::map).optional();
  }

  /** Inserts or replaces, guarded by version: false when someone else saved in between. */
  boolean save(MarketplaceConnection c, String sealedSecret, Integer expectedVersion) {
    if (find(c.organizationId()).isEmpty()) {
      return jdbc.sql("""
          INSERT INTO marketplace_connection (organization_id, aws_account_id, region, credentials_type, access_key_id,
            secret_access_key, role_arn, external_id, endpoint_override, embedded_sandbox, version, updated_at,
            updated_by, verified_account_id, verified_arn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
          ON CONFLICT (organization_id) DO NOTHING""")
          .params(c.organizationId(), c.awsAccountId(), c.region(), c.credentialsType().name(), c.accessKeyId(),
              sealedSecret, c.roleArn(), c.externalId(),
              c.endpointOverride() == null ? null : c.endpointOverride().toString(), c.embeddedSandbox(),
              Timestamp.from(c.updatedAt()), c.updatedBy(), c.verifiedAccountId(), c.verifiedArn())
          .update() == 1;
    }
    return jdbc.sql("""
        UPDATE marketplace_connection SET aws_account_id = ?, region = ?, credentials_type = ?, access_key_id = ?,
          secret_access_key = ?, role_arn = ?, external_id = ?, endpoint_override = ?, embedded_sandbox = ?,
          version = version + 1, updated_at = ?, updated_by = ?, last_test_at = NULL, last_test_ok = NULL,
          last_test_message = NULL, verified_account_id = ?, verified_arn = ?
        WHERE organization_id = ? AND (CAST(? AS integer) IS NULL OR version = ?)""")
        .params(c.awsAccountId(), c.region(), c.credentialsType().name(), c.accessKeyId(), sealedSecret, c.roleArn(),
            c.externalId(), c.endpointOverride() == null ? null : c.endpointOverride().toString(),
            c.embeddedSandbox(), Timestamp.from(c.updatedAt()), c.updatedBy(), c.verifiedAccountId(),
            c.verifiedArn(), c.organizationId(), expectedVersion, expectedVersion)
        .update() == 1;
  }

  /** Whether another organization's connection is verified as this account. */
  boolean ownedElsewhere(UUID organizationId, String verifiedAccountId) {
    return jdbc.sql("SELECT count(*) FROM marketplace_connection WHERE organization_id <> ? AND verified_account_id = ?")
        .params(organizationId, verifiedAccountId).query(Long.class).single() > 0;
  }

  /**
   * Records the identity the marketplace reported for the connection's credentials, if the connection is
   * still the version they were read from; the unique index refuses an account another organization owns.
   */
  void recordIdentity(UUID organizationId, int version, String accountId, String arn) {
    jdbc.sql("""
        UPDATE marketplace_connection SET verified_account_id = ?, verified_arn = ?
        WHERE organization_id = ? AND version = ?""")
        .params(accountId, arn, organizationId, version).update();
  }

  java.util.List<UUID> organizations() {
    return jdbc.sql("SELECT organization_id FROM marketplace_connection ORDER BY organization_id")
        .query(UUID.class).list();
  }

  void recordTest(UUID organizationId, Instant at, boolean ok, String message) {
    jdbc.sql("""
        UPDATE marketplace_connection SET last_test_at = ?, last_test_ok = ?, last_test_message = ?
        WHERE organization_id = ?""")
        .params(Timestamp.from(at), ok, message, organizationId).update();
  }

  void moveEmbeddedEndpoint(URI endpoint) {
    jdbc.sql("UPDATE marketplace_connection SET endpoint_override = ? WHERE embedded_sandbox "
            + "AND endpoint_override IS DISTINCT FROM ?")
        .params(endpoint.toString(), endpoint.toString()).update();
  }

  private static Stored map(ResultSet rs, int row) throws SQLException {
    String endpoint = rs.getString("endpoint_override");
    Timestamp lastTest = rs.getTimestamp("last_test_at");
    MarketplaceConnection c = new MarketplaceConnection(rs.getObject("organization_id", UUID.class),
        rs.getString("aws_account_id"), rs.getString("region"),
        CredentialsType.valueOf(rs.getString("credentials_type")), rs.getString("access_key_id"),
        rs.getString("secret_access_key") != null, rs.getString("role_arn"), rs.getString("external_id"),
        endpoint == null ? null : URI.create(endpoint), rs.getBoolean("embedded_sandbox"), rs.getInt("version"),
        rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"),
        lastTest == null ? null : lastTest.toInstant(), (Boolean) rs.getObject("last_test_ok"),
        rs.getString("last_test_message"), rs.getString("verified_account_id"), rs.getString("verified_arn"));
    return new Stored(c, rs.getString("secret_access_key"));
  }
}
