package org.offerdesk.app.offers.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code offer_pipeline_month} (V160) compact: the triggers on {@code offer} write each statement's change
 * as a row of {@code offer_pipeline_change}, and this folds those rows into the monthly figures every few
 * seconds. Readers add both tables, so a fold changes no figure; it only keeps the rows a reader adds few.
 *
 * <p>One statement moves the changes: what it deletes it adds, in the same transaction, and a change written
 * while it runs stays for the next fold. Two instances folding at once each move the rows they deleted (a row
 * is deleted once), and upsert in key order, so they neither count a change twice nor deadlock.
 */
@Component
class OfferPipelineMonths {

  private final JdbcClient jdbc;

  OfferPipelineMonths(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Folds the changes written so far; how many change rows it moved. */
  @Scheduled(fixedDelayString = "${offerdesk.offers.pipeline-fold-every:PT10S}", initialDelayString = "PT10S")
  int fold() {
    return jdbc.sql("""
        WITH moved AS (DELETE FROM offer_pipeline_change RETURNING *),
        summed AS (
          SELECT organization_id, month, stage, currency, count(*) AS changes, sum(offers) AS offers,
            sum(valued) AS valued, sum(contract_total) AS contract_total,
            sum(cancelled_after_sent) AS cancelled_after_sent
          FROM moved GROUP BY 1, 2, 3, 4),
        added AS (
          INSERT INTO offer_pipeline_month AS m
            (organization_id, month, stage, currency, offers, valued, contract_total, cancelled_after_sent)
          SELECT organization_id, month, stage, currency, offers, valued, contract_total, cancelled_after_sent
          FROM summed ORDER BY 1, 2, 3, 4
          ON CONFLICT (organization_id, month, stage, currency) DO UPDATE SET
            offers = m.offers + excluded.offers, valued = m.valued + excluded.valued,
            contract_total = m.contract_total + excluded.contract_total,
            cancelled_after_sent = m.cancelled_after_sent + excluded.cancelled_after_sent)
        SELECT coalesce(sum(changes), 0) FROM summed""")
        .query(Integer.class).single();
  }
}
