package org.offerdesk.app.finance.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.offers.NetRevenue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's net per agreement (every invoice's net, a reseller's wholesale cost included), for the tables. */
@Repository
class LedgerNetRevenue implements NetRevenue {

  private final JdbcClient jdbc;

  LedgerNetRevenue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Money> byAgreement(UUID organizationId, Collection<String> agreementIds) {
    Map<String, Money> net = new LinkedHashMap<>();
    if (agreementIds.isEmpty()) {
      return net;
    }
    jdbc.sql("""
        SELECT agreement_id, currency, sum(net) AS net FROM finance_invoice
        WHERE organization_id = ? AND agreement_id = ANY (?) AND variant <> 'LISTING_FEE'
        GROUP BY agreement_id, currency ORDER BY agreement_id, count(*) DESC""")
        .params(organizationId, agreementIds.toArray(String[]::new))
        .query(rs -> {
          net.putIfAbsent(rs.getString("agreement_id"), Money.of(rs.getBigDecimal("net"), rs.getString("currency")));
        });
    return net;
  }
}
