package org.offerdesk.app.offers.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.offers.OfferFigures;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.sql.SqlReads;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's offer figures in SQL. Each query reads one organization's rows of a period through the
 * covering indexes of V41 ({@code offer_pipeline}, {@code offer_pipeline_by_owner}, {@code offer_open_by_expiry}),
 * so it stays an index scan at a million offers; the team's pipeline of whole months reads the monthly figures of
 * V160 instead ({@link OfferPipelineMonths}).
 */
@Repository
class OfferFigureStore implements OfferFigures {

  private static final Set<OfferStage> SENT_STAGES = OfferFigures.SENT_STAGES;
  private static final Set<OfferStage> ACCEPTED_STAGES = EnumSet.of(OfferStage.ACCEPTED, OfferStage.REGISTERED,
      OfferStage.PROVISIONED, OfferStage.REPLACED);

  /**
   * One statement: each stage and currency with its count and total, and how many of a stage's offers were
   * cancelled after they were published (which count as sent); the conversion is summed from these rows.
   */
  @Override
  public SqlReads.Read<Pipeline> pipeline(UUID organizationId, LocalDate from, LocalDate to, String owner) {
    return owner == null && from.getDayOfMonth() == 1 && to.equals(YearMonth.from(to).atEndOfMonth())
        ? pipelineByMonth(organizationId, from, to) : pipelineOfOffers(organizationId, from, to, owner);
  }

  /**
   * The team's pipeline of whole months from the monthly figures (V160: the folded months and the changes not
   * folded yet, in one statement): a dozen rows a month instead of one per offer.
   */
  public SqlReads.Read<Pipeline> pipelineByMonth(UUID organizationId, LocalDate from, LocalDate to) {
    return SqlReads.Read.named("""
            SELECT stage, nullif(currency, '') AS currency, sum(offers) AS n,
              CASE WHEN sum(valued) > 0 THEN sum(contract_total) END AS total,
              sum(cancelled_after_sent) AS cancelled_after_sent
            FROM (SELECT stage, currency, offers, valued, contract_total, cancelled_after_sent FROM offer_pipeline_month
                  WHERE organization_id = :org AND month >= :from AND month <= :to
                  UNION ALL
                  SELECT stage, currency, offers, valued, contract_total, cancelled_after_sent FROM offer_pipeline_change
                  WHERE organization_id = :org AND month >= :from AND month <= :to) months
            GROUP BY stage, currency HAVING sum(offers) <> 0 ORDER BY stage, nullif(currency, '')""",
        SqlReads.Read.params("org", organizationId, "from", from, "to", to), OfferFigureStore::pipeline);
  }

  /** The pipeline read from the offers themselves: any range of days, and one owner's. */
  public SqlReads.Read<Pipeline> pipelineOfOffers(UUID organizationId, LocalDate from, LocalDate to, String owner) {
    return SqlReads.Read.named("""
            SELECT stage, currency, count(*) AS n, sum(contract_total) AS total,
              count(*) FILTER (WHERE stage = 'CANCELLED' AND marketplace_offer_id IS NOT NULL) AS cancelled_after_sent
            FROM offer WHERE organization_id = :org AND created_at >= :from AND created_at < :until"""
            + ofOwner(owner) + " GROUP BY stage, currency ORDER BY stage, currency",
        SqlReads.Read.params("org", organizationId, "from", OfferStore.startOf(from),
            "until", OfferStore.startOf(to.plusDays(1)), "owner", owner), OfferFigureStore::pipeline);
  }

  private static Pipeline pipeline(ResultSet rs) throws SQLException {
    long sent = 0;
    long accepted = 0;
    List<StageFigure> stages = new ArrayList<>();
    while (rs.next()) {
      OfferStage stage = OfferStage.valueOf(rs.getString("stage"));
      long n = rs.getLong("n");
      sent += SENT_STAGES.contains(stage) ? n : rs.getLong("cancelled_after_sent");
      accepted += ACCEPTED_STAGES.contains(stage) ? n : 0;
      String currency = rs.getString("currency");
      java.math.BigDecimal total = rs.getBigDecimal("total");
      stages.add(new StageFigure(stage, currency, n, currency == null || total == null ? null : Money.of(total, currency)));
    }
    return new Pipeline(stages, sent, accepted);
  }

  /**
   * Both counts in one statement, each its own index range read from the index alone: offers out with the buyer
   * by expiry ({@code offer_open_by_expiry}, which holds the owner) and the refused ones
   * ({@code offer_by_stage_created}).
   */
  @Override
  public SqlReads.Read<Attention> attention(UUID organizationId, LocalDate from, LocalDate to, String owner) {
    String owned = ofOwner(owner);
    return SqlReads.Read.named("SELECT (SELECT count(*) FROM offer WHERE organization_id = :org"
            + " AND stage IN ('SENT', 'VIEWED') AND expires_on >= :from AND expires_on <= :to" + owned + ") AS expiring,"
            + " (SELECT count(*) FROM offer WHERE organization_id = :org AND stage = 'PUBLISH_FAILED'" + owned
            + ") AS failed",
        SqlReads.Read.params("org", organizationId, "from", from, "to", to, "owner", owner),
        SqlReads.Read.single((rs, row) -> new Attention(rs.getLong("expiring"), rs.getLong("failed"))));
  }

  /**
   * The owner condition, only when there is an owner: a condition that is sometimes "true" would let
   * PostgreSQL settle on one plan for both cases and miss the owner index.
   */
  static String ofOwner(String owner) {
    return owner == null ? "" : " AND owner = :owner";
  }
}
