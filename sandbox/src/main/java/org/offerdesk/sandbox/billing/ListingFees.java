package org.offerdesk.sandbox.billing;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.offerdesk.sandbox.agreements.Agreement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * AWS's listing fees, read from the dated rules of table {@code listing_fee_rule}: the rate in force on the
 * day an agreement was accepted, by kind of sale and total contract value, plus the channel surcharge the
 * manufacturer pays on a channel partner agreement.
 */
@Repository
class ListingFees {

  private final JdbcTemplate jdbc;

  ListingFees(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The manufacturer's fee rate for an agreement whose value to the manufacturer (the wholesale price on a
   * channel deal) is {@code tcv}.
   */
  BigDecimal rate(Agreement a, BigDecimal tcv) {
    LocalDate day = LocalDate.ofInstant(a.acceptanceTime(), ZoneOffset.UTC);
    String kind = !a.privateOffer() ? "PUBLIC_SAAS" : "RENEW".equals(a.intent()) ? "RENEWAL" : "PRIVATE";
    BigDecimal rate = rule(kind, tcv, day);
    return a.hasReseller() ? rate.add(rule("CPPO_SURCHARGE", tcv, day)) : rate;
  }

  private BigDecimal rule(String kind, BigDecimal tcv, LocalDate day) {
    return jdbc.query("SELECT rate FROM listing_fee_rule WHERE kind = ? AND min_tcv <= ? AND (max_tcv IS NULL OR ? < max_tcv) "
            + "AND effective_from <= ? AND (effective_to IS NULL OR ? < effective_to) ORDER BY effective_from DESC LIMIT 1",
        (rs, row) -> rs.getBigDecimal(1), kind, tcv, tcv, Date.valueOf(day), Date.valueOf(day)).stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("No listing fee rule for " + kind + " at " + tcv + " on " + day));
  }
}
