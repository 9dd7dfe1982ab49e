package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.offers.OfferFigures;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.sql.SqlReads;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly pipeline figures (V160) against the offers they summarize: after inserts one by one and many at
 * once, stage, currency and total changes, cancellations after publishing, deletes and a rolled-back change,
 * before and after folding, every month-aligned period reads the same figures from the months as from the
 * offers; and the months of every organization in the database add up to its offers.
 */
@OfferDeskTest
class OfferPipelineMonthsTest {

  static final String[] STAGES = {"DRAFT", "PUBLISHING", "PUBLISH_FAILED", "SENT", "VIEWED", "ACCEPTED",
      "REGISTERED", "PROVISIONED", "EXPIRED", "CANCELLED", "REPLACED"};
  static final String[] CURRENCIES = {"USD", "EUR", null};

  @Autowired ApplicationContext context;
  @Autowired JdbcClient jdbc;
  @Autowired OfferFigureStore figures;
  @Autowired SqlReads reads;
  @Autowired OfferPipelineMonths months;
  @Autowired TransactionTemplate tx;

  UUID org;
  final Random random = new Random(18);

  @BeforeEach
  void seller() {
    org = new TestTenants(context).seller("Pipeline Months Co").organizationId();
  }

  @Test
  void the_months_add_up_to_the_offers_through_every_kind_of_change() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add(offer(randomStage(), randomCurrency(), random.nextInt(5) == 0 ? null : total(), randomInstant()));
    }
    // Many offers in one statement (as an import or a bulk load writes them).
    jdbc.sql("""
        INSERT INTO offer (id, organization_id, type, stage, product_id, name, buyer_account_ids, currency,
          contract_total, terms, marketplace_offer_id, owner, view_token, created_at, updated_at)
        SELECT gen_random_uuid(), :org, 'DIRECT', (ARRAY['SENT', 'DRAFT', 'CANCELLED'])[1 + n % 3], 'prod-months',
          'bulk ' || n, ARRAY['111122223333'], CASE WHEN n % 4 = 0 THEN NULL ELSE 'USD' END,
          CASE WHEN n % 5 = 0 THEN NULL ELSE n * 10.125 END, '{}'::jsonb,
          CASE WHEN n % 2 = 0 THEN 'offer-bulk-' || gen_random_uuid() END, 'bulk@months.test',
          'view-bulk-' || gen_random_uuid(), timestamptz '2024-11-30 23:59:59.999+00' + n * interval '1 hour',
          now()
        FROM generate_series(1, 40) n""").param("org", org).update();
    assertSame();

    months.fold();
    assertSame();

    // One offer at a time, and many in one statement.
    jdbc.sql("UPDATE offer SET stage = 'SENT', marketplace_offer_id = 'offer-' || id WHERE id = ?")
        .param(ids.get(0)).update();
    jdbc.sql("UPDATE offer SET stage = 'EXPIRED' WHERE organization_id = ? AND stage IN ('SENT', 'VIEWED')")
        .param(org).update();
    jdbc.sql("UPDATE offer SET currency = 'EUR', contract_total = contract_total * 2 WHERE id = ?")
        .param(ids.get(1)).update();
    jdbc.sql("UPDATE offer SET contract_total = NULL WHERE id = ?").param(ids.get(2)).update();
    jdbc.sql("UPDATE offer SET currency = NULL WHERE id = ?").param(ids.get(3)).update();
    jdbc.sql("UPDATE offer SET stage = 'CANCELLED' WHERE organization_id = ? AND stage = 'DRAFT'")
        .param(org).update();
    jdbc.sql("UPDATE offer SET marketplace_offer_id = NULL WHERE id = ?").param(ids.get(4)).update();
    // Changes that count nothing (most updates): no change row.
    int changes = jdbc.sql("SELECT count(*) FROM offer_pipeline_change").query(Integer.class).single();
    jdbc.sql("UPDATE offer SET name = name || ' again', updated_at = now() WHERE organization_id = ?")
        .param(org).update();
    assertThat(jdbc.sql("SELECT count(*) FROM offer_pipeline_change").query(Integer.class).single())
        .isEqualTo(changes);
    jdbc.sql("DELETE FROM offer WHERE id = ?").param(ids.get(5)).update();
    jdbc.sql("DELETE FROM offer WHERE organization_id = ? AND name LIKE 'bulk 1%'").param(org).update();
    assertSame();

    // A change rolled back leaves no trace in the months.
    tx.executeWithoutResult(status -> {
      jdbc.sql("UPDATE offer SET stage = 'ACCEPTED' WHERE organization_id = ?").param(org).update();
      status.setRollbackOnly();
    });
    assertSame();

    months.fold();
    months.fold();
    assertSame();
    assertThat(jdbc.sql("SELECT count(*) FROM offer_pipeline_change WHERE organization_id = ?").param(org)
        .query(Integer.class).single()).isZero();

    // Folded and changed again.
    jdbc.sql("UPDATE offer SET stage = 'PROVISIONED' WHERE id = ?").param(ids.get(6)).update();
    offer("VIEWED", "USD", total(), Instant.parse("2025-01-01T00:00:00Z"));
    assertSame();
  }

  @Test
  void the_team_pipeline_of_whole_months_is_read_from_the_months() {
    offer("SENT", "USD", new BigDecimal("100.000"), Instant.parse("2025-03-31T23:59:59.999Z"));
    offer("SENT", "USD", new BigDecimal("50.500"), Instant.parse("2025-01-01T00:00:00Z"));
    offer("DRAFT", null, null, Instant.parse("2025-02-10T00:00:00Z"));
    offer("SENT", "USD", new BigDecimal("1.000"), Instant.parse("2025-04-01T00:00:00Z"));
    // Figures rows of an emptied month do not show.
    UUID gone = offer("ACCEPTED", "EUR", new BigDecimal("9.000"), Instant.parse("2025-02-01T00:00:00Z"));
    months.fold();
    jdbc.sql("DELETE FROM offer WHERE id = ?").param(gone).update();

    OfferFigures.Pipeline q1 = reads.one(figures.pipeline(org, LocalDate.parse("2025-01-01"),
        LocalDate.parse("2025-03-31"), null));
    assertThat(q1.stages()).extracting(f -> f.stage() + " " + f.currency() + " " + f.count() + " "
        + (f.contractValue() == null ? null : f.contractValue().amount().stripTrailingZeros().toPlainString()))
        .containsExactly("DRAFT null 1 null", "SENT USD 2 150.5");
    assertThat(q1.sent()).isEqualTo(2);
    assertSame();
  }

  /** Every month-aligned period, from the months and from the offers, and the whole database's months. */
  void assertSame() {
    List<YearMonth> all = jdbc.sql("""
        SELECT DISTINCT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') FROM offer WHERE organization_id = ?
        ORDER BY 1""").param(org).query((rs, row) -> YearMonth.parse(rs.getString(1))).list();
    List<LocalDate[]> periods = new ArrayList<>();
    for (YearMonth month : all) {
      periods.add(new LocalDate[] {month.atDay(1), month.atEndOfMonth()});
      periods.add(new LocalDate[] {month.atDay(1), month.plusMonths(2).atEndOfMonth()});
      periods.add(new LocalDate[] {LocalDate.of(month.getYear(), 1, 1), LocalDate.of(month.getYear(), 12, 31)});
    }
    periods.add(new LocalDate[] {LocalDate.of(2020, 1, 1), LocalDate.of(2029, 12, 31)});
    for (LocalDate[] period : periods) {
      assertThat(reads.one(figures.pipelineByMonth(org, period[0], period[1])))
          .as(period[0] + " to " + period[1])
          .isEqualTo(reads.one(figures.pipelineOfOffers(org, period[0], period[1], null)));
    }
    // Every organization's months, folded or not, against its offers: nothing written to offer escapes them.
    String byMonth = """
        SELECT organization_id, month, stage, currency, sum(offers) AS offers, sum(valued) AS valued,
          sum(contract_total) AS contract_total, sum(cancelled_after_sent) AS cancelled_after_sent
        FROM (SELECT * FROM offer_pipeline_month UNION ALL SELECT * FROM offer_pipeline_change) m
        GROUP BY 1, 2, 3, 4 HAVING sum(offers) <> 0 OR sum(valued) <> 0 OR sum(contract_total) <> 0
          OR sum(cancelled_after_sent) <> 0""";
    String byOffer = """
        SELECT organization_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date AS month, stage,
          coalesce(currency, '') AS currency, count(*) AS offers, count(contract_total) AS valued,
          coalesce(sum(contract_total), 0) AS contract_total,
          count(*) FILTER (WHERE stage = 'CANCELLED' AND marketplace_offer_id IS NOT NULL) AS cancelled_after_sent
        FROM offer GROUP BY 1, 2, 3, 4""";
    assertThat(jdbc.sql("SELECT count(*) FROM ((" + byMonth + " EXCEPT " + byOffer + ") UNION ALL (" + byOffer
        + " EXCEPT " + byMonth + ")) drift").query(Long.class).single()).isZero();
  }

  UUID offer(String stage, String currency, BigDecimal total, Instant created) {
    UUID id = UUID.randomUUID();
    boolean sent = !stage.equals("DRAFT") && !stage.startsWith("PUBLISH") && (!stage.equals("CANCELLED")
        || random.nextBoolean());
    jdbc.sql("""
        INSERT INTO offer (id, organization_id, type, stage, product_id, name, buyer_account_ids, currency,
          contract_total, terms, marketplace_offer_id, owner, view_token, created_at, updated_at)
        VALUES (?, ?, 'DIRECT', ?, 'prod-months', ?, ARRAY['111122223333'], ?, ?, '{}'::jsonb, ?, ?, ?, ?, ?)""")
        .params(id, org, stage, stage + " offer", currency, total, sent ? "offer-" + id : null,
            random.nextBoolean() ? "alice@months.test" : "bob@months.test", "view-" + id, Timestamp.from(created),
            Timestamp.from(created))
        .update();
    return id;
  }

  String randomStage() {
    return STAGES[random.nextInt(STAGES.length)];
  }

  String randomCurrency() {
    return CURRENCIES[random.nextInt(CURRENCIES.length)];
  }

  BigDecimal total() {
    return BigDecimal.valueOf(random.nextInt(1_000_000), 3);
  }

  /** Within 2024–2025, a tenth of them on a month's first or last instant. */
  Instant randomInstant() {
    YearMonth month = YearMonth.of(2024 + random.nextInt(2), 1 + random.nextInt(12));
    return switch (random.nextInt(10)) {
      case 0 -> month.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      case 1 -> month.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().minusMillis(1);
      default -> month.atDay(1 + random.nextInt(28)).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
          .plusSeconds(random.nextInt(86_400));
    };
  }
}
