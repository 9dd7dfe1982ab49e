package org.offerdesk.app.partners.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.web.table.TableQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The partners directory in PostgreSQL; every query is scoped to one organization but the invitation's. */
@Repository
class PartnerStore {

  private final JdbcClient jdbc;

  PartnerStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds the partner; false when the organization already lists that AWS account. */
  boolean insert(Partner p) {
    return jdbc.sql("""
        INSERT INTO partner (id, organization_id, name, aws_account_id, contact_name, contact_email, created_at,
          updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (organization_id, aws_account_id) DO NOTHING""")
        .params(p.id(), p.organizationId(), p.name(), p.awsAccountId(), p.contactName(), p.contactEmail(),
            ts(p.createdAt()), ts(p.createdAt()))
        .update() == 1;
  }

  Optional<Partner> find(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM partner WHERE organization_id = ? AND id = ?").params(organizationId, id)
        .query(PartnerStore::map).optional();
  }

  /** Records a (new) invitation: the hash of its secret replaces any earlier one, which stops working. */
  boolean invited(UUID organizationId, UUID id, String email, String tokenHash, Instant at, Instant expiresAt) {
    return jdbc.sql("""
        UPDATE partner SET invited_email = ?, invitation_token_hash = ?, invited_at = ?, invitation_expires_at = ?,
          updated_at = ?, version = version + 1
         WHERE organization_id = ? AND id = ? AND accepted_at IS NULL""")
        .params(email, tokenHash, ts(at), ts(expiresAt), ts(at), organizationId, id).update() == 1;
  }

  /** The invitation whose secret hashes to this, from any ISV: the reseller is not signed in to any. */
  Optional<Partner> byInvitation(String tokenHash) {
    return jdbc.sql("SELECT * FROM partner WHERE invitation_token_hash = ?").param(tokenHash)
        .query(PartnerStore::map).optional();
  }

  /** Marks the invitation accepted, once: false when it was accepted (or replaced) in the meantime. */
  boolean accepted(Partner p, UUID resellerOrganizationId, Instant at) {
    return jdbc.sql("""
        UPDATE partner SET accepted_at = ?, reseller_organization_id = ?, invitation_token_hash = NULL,
          updated_at = ?, version = version + 1
         WHERE organization_id = ? AND id = ? AND version = ? AND accepted_at IS NULL""")
        .params(ts(at), resellerOrganizationId, ts(at), p.organizationId(), p.id(), p.version()).update() == 1;
  }

  /** The rows of the directory its filter lets through. */
  TableQuery<Partner> table(UUID organizationId, PartnerTable.Filter f) {
    return TableQuery.of(jdbc, "partner", organizationId, PartnerStore::map)
        .search("lower(name) LIKE :like OR aws_account_id = :exact OR lower(coalesce(contact_name, '')) LIKE :like"
            + " OR lower(coalesce(contact_email, '')) LIKE :like", f.q());
  }

  private static Partner map(ResultSet rs, int row) throws SQLException {
    return new Partner(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
        rs.getString("name"), rs.getString("aws_account_id"), rs.getString("contact_name"),
        rs.getString("contact_email"), rs.getString("invited_email"), instant(rs, "invited_at"),
        instant(rs, "invitation_expires_at"), instant(rs, "accepted_at"),
        rs.getObject("reseller_organization_id", UUID.class), rs.getInt("version"), instant(rs, "created_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Timestamp ts(Instant at) {
    return Timestamp.from(at.truncatedTo(ChronoUnit.MICROS));
  }
}
