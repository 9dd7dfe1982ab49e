package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The offers list keeps each offer's timeline for the row version it was read with (V181 gives the offer's row a
 * new version with any change to its events): a warm page reads no events, and an event recorded, added or removed
 * by any writer, or inside a transaction that writes, is on the next page read.
 */
@OfferDeskTest
class OfferTimelinesTest extends RecordedOfferStoreTest {

  @Override
  String sellerName() {
    return "Timeline Co";
  }
  List<UUID> ids;
  /** Each event recorded here a minute after the one before. */
  int minutes;

  @BeforeEach
  void offers() {
    ids = List.of(offer("Alpha", 1), offer("Bravo", 2));
    record(ids.get(0), "created");
    record(ids.get(1), "created");
  }

  @Test
  void a_warm_page_reads_no_events() {
    assertThat(causes()).containsEntry(ids.get(0), List.of("created")).containsEntry(ids.get(1), List.of("created"));
    assertThat(statements).anyMatch(s -> s.contains("offer_event"));

    statements.clear();
    assertThat(causes()).containsEntry(ids.get(0), List.of("created")).containsEntry(ids.get(1), List.of("created"));
    assertThat(statements).hasSize(1).noneMatch(s -> s.contains("offer_event"));
  }

  @Test
  void an_event_from_any_writer_is_on_the_next_page() {
    causes();
    record(ids.get(1), "edited");
    assertThat(causes()).containsEntry(ids.get(0), List.of("created"))
        .containsEntry(ids.get(1), List.of("created", "edited"));

    // Behind the store's back: the offer's row itself is not written, only its events.
    jdbc.sql("""
        INSERT INTO offer_event (id, offer_id, organization_id, occurred_at, stage, cause, actor)
        VALUES (gen_random_uuid(), ?, ?, timestamptz '2026-03-01 00:00+00', 'DRAFT', 'by hand', 'dba')""")
        .params(ids.get(0), org).update();
    assertThat(causes()).containsEntry(ids.get(0), List.of("created", "by hand"));
    jdbc.sql("UPDATE offer_event SET cause = 'by hand, fixed' WHERE offer_id = ? AND cause = 'by hand'")
        .param(ids.get(0)).update();
    assertThat(causes()).containsEntry(ids.get(0), List.of("created", "by hand, fixed"));
    jdbc.sql("DELETE FROM offer_event WHERE offer_id = ? AND cause = 'by hand, fixed'").param(ids.get(0)).update();
    assertThat(causes()).containsEntry(ids.get(0), List.of("created"));
  }

  @Test
  void inside_a_transaction_that_writes_each_event_is_read() {
    // A store whose statements join the test's transaction (its JdbcClient takes the transaction's connection).
    store = new OfferStore(JdbcClient.create(dataSource), mapper);
    causes();
    new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> {
      record(ids.get(0), "edited");
      assertThat(causes()).containsEntry(ids.get(0), List.of("created", "edited"));
      // The same transaction, so the same row version as after the first: only reading the events tells.
      record(ids.get(0), "edited again");
      assertThat(causes()).containsEntry(ids.get(0), List.of("created", "edited", "edited again"));
    });
    assertThat(causes()).containsEntry(ids.get(0), List.of("created", "edited", "edited again"));
  }

  /** The first page's timelines as the offers API reads them: each offer's causes in order. */
  private Map<UUID, List<String>> causes() {
    Map<UUID, ParsedOfferJson.Parsed> listed = new HashMap<>();
    CursorPage<Offer> page = store.table(org, OfferTable.Filter.none(), listed)
        .page(new PageRequest<>(OfferTable.NEWEST, null, 10));
    Map<UUID, List<String>> causes = new HashMap<>();
    store.timelines().of(org, page.items().stream().map(Offer::id).toList(), listed)
        .forEach((id, timeline) -> causes.put(id, timeline.stream().map(OfferStore.TimelineEntry::cause).toList()));
    return causes;
  }

  private void record(UUID id, String cause) {
    Offer offer = store.find(org, id).orElseThrow();
    store.record(offer, OfferStage.DRAFT, cause, null, "tests", Instant.parse("2026-02-01T00:00:00Z")
        .plusSeconds(60L * ++minutes), null);
  }

  private UUID offer(String name, int hour) {
    UUID id = UUID.randomUUID();
    jdbc.sql("""
        INSERT INTO offer (id, organization_id, type, stage, product_id, name, buyer_account_ids, currency, terms,
          owner, view_token, created_at, updated_at)
        VALUES (:id, :org, 'DIRECT', 'DRAFT', 'prod-lines', :name, ARRAY['111122223333'], 'USD',
          jsonb_build_object('name', CAST(:name AS text)), 'lines@timelines.test', 'view-' || gen_random_uuid(),
          timestamptz '2026-01-01 00:00+00' + :hour * interval '1 hour', now())""")
        .param("id", id).param("org", org).param("name", name).param("hour", hour).update();
    return id;
  }
}
