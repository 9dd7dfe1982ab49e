package org.offerdesk.app.web.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.web.CursorPage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A table's page statement is planned once per connection and then kept: with a thousand rows an organization (the
 * offers table at 1M offers across 1,000 sellers) a bound LIMIT made the generic plan look dearer than each custom
 * one, and PostgreSQL planned the statement again at every execution.
 */
@OfferDeskTest
class TableQueryPlanTest {

  @Autowired DataSource dataSource;

  record Row(UUID id, Instant at) {}

  static final SortKey<Row> NEWEST = SortKey.byId("newest", "created_at", SortKey.Type.TIMESTAMP, true,
      r -> r.at().toString(), Row::id);

  @Test
  void a_page_statement_gets_a_kept_generic_plan_at_a_thousand_rows_an_organization() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(c, true));
      // A table of the offers table's shape for the page: 20 organizations of 1,000 rows, on this connection only.
      jdbc.sql("CREATE TEMPORARY TABLE plan_probe (id uuid PRIMARY KEY, organization_id uuid NOT NULL,"
          + " created_at timestamptz NOT NULL)").update();
      jdbc.sql("CREATE INDEX ON plan_probe (organization_id, created_at DESC, id DESC)").update();
      jdbc.sql("""
          INSERT INTO plan_probe SELECT gen_random_uuid(), o.id, now() - n * interval '1 minute'
          FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, 20)) o, generate_series(1, 1000) n""")
          .update();
      jdbc.sql("ANALYZE plan_probe").update();
      UUID org = jdbc.sql("SELECT organization_id FROM plan_probe LIMIT 1").query(UUID.class).single();

      CursorPage<Row> page = null;
      for (int i = 0; i < 20; i++) { // the driver prepares it on the server at the 5th, PostgreSQL weighs it at the 6th
        page = TableQuery.of(jdbc, "plan_probe", org,
                (rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getTimestamp("created_at").toInstant()))
            .columns("id, created_at").page(new PageRequest<>(NEWEST, null, 50));
      }

      assertThat(page.items()).hasSize(50);
      assertThat(page.nextCursor()).isNotNull();
      Long generic = jdbc.sql("SELECT coalesce(sum(generic_plans), 0) FROM pg_prepared_statements"
          + " WHERE statement LIKE '%FROM plan_probe%'").query(Long.class).single();
      Long custom = jdbc.sql("SELECT coalesce(sum(custom_plans), 0) FROM pg_prepared_statements"
          + " WHERE statement LIKE '%FROM plan_probe%'").query(Long.class).single();
      assertThat(generic).as("executions on the kept generic plan").isGreaterThan(5);
      assertThat(custom).as("executions planned again").isLessThanOrEqualTo(5);
    }
  }
}
