package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The offers list takes each row's parsed terms from the parse kept for the row's version (PostgreSQL's
 * {@code xmin} with its version and time) and reads the stored JSON only of the rows it holds no parse of: a warm
 * page is one statement without the JSON, and a change by any writer (without a new version or time, inside a
 * transaction that writes the row twice) reads as changed.
 */
@OfferDeskTest
class OfferListRowVersionTest extends RecordedOfferStoreTest {

  @Override
  String sellerName() {
    return "Row Version Co";
  }
  List<UUID> ids;

  @BeforeEach
  void offers() {
    ids = List.of(offer("Alpha", 1), offer("Bravo", 2), offer("Charlie", 3));
  }

  @Test
  void a_warm_page_is_one_statement_without_the_stored_json() {
    assertThat(names(OfferTable.NEWEST, 10)).containsExactly("Charlie", "Bravo", "Alpha");
    // The first read: the page without the JSON, then the JSON of the three it held no parse of, in one statement.
    assertThat(statements).hasSize(2);
    assertThat(statements.get(0)).doesNotContain("terms").contains("xmin");
    assertThat(statements.get(1)).contains("terms").contains("ANY");

    statements.clear();
    assertThat(names(OfferTable.NEWEST, 10)).containsExactly("Charlie", "Bravo", "Alpha");
    assertThat(statements).hasSize(1);

    // By name, two a page: the cursor comes from the second row's terms, and the next page follows it.
    CursorPage<Offer> first = page(OfferTable.NAME, null, 2);
    assertThat(first.items()).extracting(o -> o.terms().name()).containsExactly("Alpha", "Bravo");
    CursorPage<Offer> second = page(OfferTable.NAME, OfferTable.NAME.read(first.nextCursor()), 2);
    assertThat(second.items()).extracting(o -> o.terms().name()).containsExactly("Charlie");
  }

  @Test
  void a_change_by_any_writer_reads_as_changed() {
    assertThat(names(OfferTable.NEWEST, 10)).containsExactly("Charlie", "Bravo", "Alpha");
    // Behind the store's back: the same version and time, only the row's xmin tells.
    rename(ids.get(1), "Bravissimo");
    assertThat(names(OfferTable.NEWEST, 10)).containsExactly("Charlie", "Bravissimo", "Alpha");
    jdbc.sql("UPDATE offer SET publish_errors = '[{\"field\":\"name\",\"code\":\"TOO_LONG\",\"message\":\"m\"}]'"
        + " WHERE id = ?").param(ids.get(0)).update();
    assertThat(page(OfferTable.NEWEST, null, 10).items().get(2).publishErrors())
        .containsExactly(new Offer.PublishError("name", "TOO_LONG", "m"));
  }

  @Test
  void a_transaction_that_writes_a_row_twice_reads_each_change() {
    // A store whose statements join the test's transaction (its JdbcClient takes the transaction's connection).
    store = new OfferStore(JdbcClient.create(dataSource), mapper);
    assertThat(names(OfferTable.NEWEST, 10)).containsExactly("Charlie", "Bravo", "Alpha");
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    tx.executeWithoutResult(status -> {
      JdbcClient inTx = JdbcClient.create(dataSource);
      inTx.sql("UPDATE offer SET terms = jsonb_set(terms, '{name}', '\"Bravo 2\"') WHERE id = ?")
          .param(ids.get(1)).update();
      assertThat(names(OfferTable.NEWEST, 10)).containsExactly("Charlie", "Bravo 2", "Alpha");
      // The same transaction, so the same xmin, version and time: only the JSON tells.
      inTx.sql("UPDATE offer SET terms = jsonb_set(terms, '{name}', '\"Bravo 3\"') WHERE id = ?")
          .param(ids.get(1)).update();
      assertThat(names(OfferTable.NEWEST, 10)).containsExactly("Charlie", "Bravo 3", "Alpha");
    });
    assertThat(names(OfferTable.NEWEST, 10)).containsExactly("Charlie", "Bravo 3", "Alpha");
  }

  private List<String> names(org.offerdesk.app.web.table.SortKey<Offer> sort, int limit) {
    return page(sort, null, limit).items().stream().map(o -> o.terms().name()).toList();
  }

  private CursorPage<Offer> page(org.offerdesk.app.web.table.SortKey<Offer> sort,
      org.offerdesk.app.web.table.Cursor after, int limit) {
    return store.table(org, OfferTable.Filter.none()).page(new PageRequest<>(sort, after, limit));
  }

  private void rename(UUID id, String name) {
    jdbc.sql("UPDATE offer SET name = :name, terms = jsonb_set(terms, '{name}', to_jsonb(CAST(:name AS text)))"
        + " WHERE id = :id").param("name", name).param("id", id).update();
  }

  private UUID offer(String name, int hour) {
    UUID id = UUID.randomUUID();
    jdbc.sql("""
        INSERT INTO offer (id, organization_id, type, stage, product_id, name, buyer_account_ids, currency, terms,
          owner, view_token, created_at, updated_at)
        VALUES (:id, :org, 'DIRECT', 'DRAFT', 'prod-rows', :name, ARRAY['111122223333'], 'USD',
          jsonb_build_object('name', CAST(:name AS text)), 'rows@versions.test', 'view-' || gen_random_uuid(),
          timestamptz '2026-01-01 00:00+00' + :hour * interval '1 hour', now())""")
        .param("id", id).param("org", org).param("name", name).param("hour", hour).update();
    return id;
  }

}
