package org.offerdesk.app.offers.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.offers.OfferFigures;
import org.offerdesk.app.offers.OfferStage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's offer figures in SQL. Each query reads one organization's rows of a period through the
 * covering indexes of V41 ({@code offer_pipeline}, {@code offer_pipeline_by_owner}, {@code offer_open_by_expiry}),
 * so it stays an index scan at a million offers.
 */
@Repository
class OfferFigureStore implements OfferFigures {

  /** On the marketplace in front of the buyer, whatever happened next (a cancelled draft never was). */
  private static final String SENT = "stage IN ('SENT', 'VIEWED', 'ACCEPTED', 'REGISTERED', 'PROVISIONED', 'EXPIRED',"
      + " 'REPLACED') OR (stage = 'CANCELLED' AND marketplace_offer_id IS NOT NULL)";
  private static final String ACCEPTED = "stage IN ('ACCEPTED', 'REGISTERED', 'PROVISIONED', 'REPLACED')";

  private final JdbcClient jdbc;

  OfferFigureStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Pipeline pipeline(UUID organizationId, LocalDate from, LocalDate to, String owner) {
    String period = " FROM offer WHERE organization_id = :org AND created_at >= :from AND created_at < :until"
        + ofOwner(owner);
    List<StageFigure> stages = jdbc.sql("SELECT stage, currency, count(*) AS n, sum(contract_total) AS total "
            + period + " GROUP BY stage, currency ORDER BY stage, currency")
        .param("org", organizationId).param("from", OfferStore.startOf(from))
        .param("until", OfferStore.startOf(to.plusDays(1))).param("owner", owner)
        .query((rs, row) -> {
          String currency = rs.getString("currency");
          java.math.BigDecimal total = rs.getBigDecimal("total");
          return new StageFigure(OfferStage.valueOf(rs.getString("stage")), currency, rs.getLong("n"),
              currency == null || total == null ? null : Money.of(total, currency));
        })
        .list();
    return jdbc.sql("SELECT count(*) FILTER (WHERE " + SENT + ") AS sent, count(*) FILTER (WHERE " + ACCEPTED
            + ") AS accepted" + period)
        .param("org", organizationId).param("from", OfferStore.startOf(from))
        .param("until", OfferStore.startOf(to.plusDays(1))).param("owner", owner)
        .query((rs, row) -> new Pipeline(stages, rs.getLong("sent"), rs.getLong("accepted")))
        .single();
  }

  @Override
  public long expiringUnaccepted(UUID organizationId, LocalDate from, LocalDate to, String owner) {
    return jdbc.sql("""
        SELECT count(*) FROM offer WHERE organization_id = :org AND stage IN ('SENT', 'VIEWED')
          AND expires_on >= :from AND expires_on <= :to""" + ofOwner(owner))
        .param("org", organizationId).param("from", from).param("to", to).param("owner", owner)
        .query(Long.class).single();
  }

  @Override
  public long inStage(UUID organizationId, OfferStage stage, String owner) {
    return jdbc.sql("SELECT count(*) FROM offer WHERE organization_id = :org AND stage = :stage" + ofOwner(owner))
        .param("org", organizationId).param("stage", stage.name()).param("owner", owner)
        .query(Long.class).single();
  }

  /**
   * The owner condition, only when there is an owner: a condition that is sometimes "true" would let
   * PostgreSQL settle on one plan for both cases and miss the owner index.
   */
  static String ofOwner(String owner) {
    return owner == null ? "" : " AND owner = :owner";
  }

  @Override
  public boolean anySent(UUID organizationId) {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM offer WHERE organization_id = ? AND (" + SENT + "))")
        .param(organizationId).query(Boolean.class).single();
  }
}
