package org.offerdesk.app.offers.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who owns the organization's offers: the choices of the offers table's owner filter. */
@Repository
class OfferOwners {

  private final JdbcClient jdbc;

  OfferOwners(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The distinct owners, in order. {@code SELECT DISTINCT} would read every offer of the organization; this
   * skips from one owner to the next in {@code offer_by_owner} (a loose index scan: one index probe per
   * owner, however many offers each has).
   */
  List<String> of(UUID organizationId) {
    return jdbc.sql("""
        WITH RECURSIVE owners(owner) AS (
          SELECT min(owner) FROM offer WHERE organization_id = :org
          UNION ALL
          SELECT (SELECT min(o.owner) FROM offer o WHERE o.organization_id = :org AND o.owner > owners.owner)
          FROM owners WHERE owners.owner IS NOT NULL)
        SELECT owner FROM owners WHERE owner IS NOT NULL ORDER BY owner""")
        .param("org", organizationId).query(String.class).list();
  }
}
