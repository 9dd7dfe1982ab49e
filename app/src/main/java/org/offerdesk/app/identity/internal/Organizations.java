package org.offerdesk.app.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.offerdesk.app.identity.OrganizationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Organizations implements org.offerdesk.app.identity.OrganizationNames {

  private final JdbcClient jdbc;

  Organizations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(Organization org) {
    jdbc.sql("INSERT INTO organization (id, slug, name, kind, created_at) VALUES (?, ?, ?, ?, ?)")
        .params(org.id(), org.slug(), org.name(), org.kind().name(), Times.toTimestamp(org.createdAt()))
        .update();
  }

  Optional<Organization> byId(UUID id) {
    return jdbc.sql("SELECT * FROM organization WHERE id = ?").param(id).query(Organizations::map).optional();
  }

  /**
   * An organization's row is never updated (no statement changes its name, slug or kind), so what was read once
   * is kept: each marketplace event that makes an order asked for the seller's kind and its team's emails for
   * its name, one look-up of the same row each. Only rows found are kept, so a missing one is asked again.
   */
  private final Map<UUID, Organization> known = new ConcurrentHashMap<>();

  private Optional<Organization> known(UUID id) {
    Organization org = id == null ? null : known.get(id);
    if (org != null) {
      return Optional.of(org);
    }
    Optional<Organization> found = byId(id);
    found.ifPresent(o -> known.put(o.id(), o));
    return found;
  }

  @Override
  public Optional<String> nameOf(UUID organizationId) {
    return known(organizationId).map(Organization::name);
  }

  @Override
  public Optional<OrganizationKind> kindOf(UUID organizationId) {
    return known(organizationId).map(Organization::kind);
  }

  @Override
  public Optional<UUID> idOfSlug(String slug) {
    return bySlug(slug).map(Organization::id);
  }

  @Override
  public Optional<String> slugOf(UUID organizationId) {
    return known(organizationId).map(Organization::slug);
  }

  Optional<Organization> bySlug(String slug) {
    return jdbc.sql("SELECT * FROM organization WHERE slug = ?").param(slug).query(Organizations::map).optional();
  }

  static Organization map(ResultSet rs, int row) throws SQLException {
    return new Organization(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
        OrganizationKind.valueOf(rs.getString("kind")), Times.instant(rs, "created_at"));
  }

  /**
   * An organization read beside another table's row (a token, a user), its columns named with
   * {@code prefix} ({@code org_slug}, {@code org_name}, {@code org_kind}, {@code org_created_at}) and its ID
   * taken from the row's {@code organization_id}.
   */
  static Organization map(ResultSet rs, String prefix) throws SQLException {
    return new Organization(rs.getObject("organization_id", UUID.class), rs.getString(prefix + "slug"),
        rs.getString(prefix + "name"), OrganizationKind.valueOf(rs.getString(prefix + "kind")),
        Times.instant(rs, prefix + "created_at"));
  }
}
