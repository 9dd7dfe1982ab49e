package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The partner terms of a reseller's offers, beside the offer they belong to; scoped to one organization. */
@Repository
class PartnerOfferStore {

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;

  PartnerOfferStore(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** Writes an offer's partner terms, and marks the offer with its authorization and the reseller's account. */
  void save(UUID organizationId, UUID offerId, PartnerTerms p, String resellerAccountId) {
    jdbc.sql("""
        INSERT INTO partner_offer_terms (offer_id, organization_id, resale_authorization_id, isv_account_id, isv_name,
          currency, duration, markup_percent, wholesale_prices)
        VALUES (:offer, :org, :ra, :isv, :isvName, :currency, :duration, :markup, CAST(:prices AS jsonb))
        ON CONFLICT (offer_id) DO UPDATE SET resale_authorization_id = EXCLUDED.resale_authorization_id,
          isv_account_id = EXCLUDED.isv_account_id, isv_name = EXCLUDED.isv_name, currency = EXCLUDED.currency,
          duration = EXCLUDED.duration, markup_percent = EXCLUDED.markup_percent,
          wholesale_prices = EXCLUDED.wholesale_prices
        WHERE partner_offer_terms.organization_id = :org""")
        .param("offer", offerId).param("org", organizationId).param("ra", p.resaleAuthorizationId())
        .param("isv", p.isvAccountId()).param("isvName", p.isvName()).param("currency", p.currency())
        .param("duration", p.duration()).param("markup", p.markupPercent()).param("prices", json(p.wholesalePrices()))
        .update();
    jdbc.sql("UPDATE offer SET marketplace_resale_authorization_id = ?, reseller_account_id = ?"
            + " WHERE organization_id = ? AND id = ?")
        .params(p.resaleAuthorizationId(), resellerAccountId, organizationId, offerId).update();
  }

  /** Gives a clone the partner terms, authorization and reseller of the offer it was cloned from. */
  void copy(UUID organizationId, UUID from, UUID to) {
    jdbc.sql("""
        INSERT INTO partner_offer_terms (offer_id, organization_id, resale_authorization_id, isv_account_id, isv_name,
          currency, duration, markup_percent, wholesale_prices)
        SELECT ?, organization_id, resale_authorization_id, isv_account_id, isv_name, currency, duration, markup_percent,
          wholesale_prices FROM partner_offer_terms WHERE organization_id = ? AND offer_id = ?""")
        .params(to, organizationId, from).update();
    jdbc.sql("""
        UPDATE offer SET (marketplace_resale_authorization_id, reseller_account_id) = (SELECT
          marketplace_resale_authorization_id, reseller_account_id FROM offer WHERE organization_id = ? AND id = ?)
        WHERE organization_id = ? AND id = ?""")
        .params(organizationId, from, organizationId, to).update();
  }

  Optional<PartnerTerms> find(UUID organizationId, UUID offerId) {
    return jdbc.sql("SELECT * FROM partner_offer_terms WHERE organization_id = ? AND offer_id = ?")
        .params(organizationId, offerId)
        .query(this::terms)
        .optional();
  }

  /** The partner terms of several offers in one query (a page of the offers list), by offer; none for others. */
  Map<UUID, PartnerTerms> findAll(UUID organizationId, Collection<UUID> offerIds) {
    Map<UUID, PartnerTerms> found = new HashMap<>();
    if (!offerIds.isEmpty()) {
      jdbc.sql("SELECT * FROM partner_offer_terms WHERE organization_id = ? AND offer_id = ANY (?)")
          .params(organizationId, offerIds.toArray(UUID[]::new))
          .query(rs -> {
            found.put(rs.getObject("offer_id", UUID.class), terms(rs, 0));
          });
    }
    return found;
  }

  private PartnerTerms terms(ResultSet rs, int row) throws SQLException {
    return new PartnerTerms(rs.getString("resale_authorization_id"), rs.getString("isv_account_id"),
        rs.getString("isv_name"), rs.getString("currency"), rs.getString("duration"),
        PartnerTerms.plain(rs.getBigDecimal("markup_percent")), wholesale(rs.getString("wholesale_prices")));
  }

  private List<PartnerTerms.Wholesale> wholesale(String json) {
    try {
      return mapper.readValue(json, new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable partner terms", e);
    }
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
