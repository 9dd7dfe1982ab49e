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

  List<String> of(UUID organizationId) {
    return jdbc.sql("SELECT DISTINCT owner FROM offer WHERE organization_id = ? ORDER BY owner")
        .param(organizationId).query(String.class).list();
  }
}
