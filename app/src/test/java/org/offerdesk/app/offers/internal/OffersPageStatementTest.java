package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.offerdesk.app.support.OfferDeskTest;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.PageRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The offers list reads a page and every offer's timeline in one statement (the API's list used to send a second
 * one for the timelines), each timeline exactly as the offer's own page reads it, and only the organization's.
 */
@OfferDeskTest
class OffersPageStatementTest {

  @Autowired ApplicationContext context;
  @Autowired DataSource dataSource;
  @Autowired ObjectMapper objectMapper;
  @Autowired JdbcClient jdbc;

  @Test
  void a_page_and_its_timelines_come_in_one_statement_each_the_offers_own() {
    TestTenants tenants = new TestTenants(context);
    UUID seller = tenants.seller("One Statement Co").organizationId();
    UUID other = tenants.seller("Other Statement Co").organizationId();
    AtomicInteger statements = new AtomicInteger();
    OfferStore store = new OfferStore(JdbcClient.create(counting(dataSource, statements)), objectMapper);

    Instant base = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Offer offer = offer(seller, "Statement deal " + i, base.plusSeconds(i));
      store.insert(offer);
      store.record(offer, OfferStage.DRAFT, "CREATED", null, "rep@seller.example", base.plusSeconds(i), null);
      offers.add(offer);
    }
    // Entries the reader must give back exactly: text to escape, no detail, a time before 1970 (the microseconds
    // below zero), two at the same time (in the order recorded), a time with every microsecond digit.
    Offer busy = offers.get(2);
    store.record(busy, OfferStage.SENT, "PUBLISHED", "\"quoted\", back\\slash, tab\t, line\nand é", "me", base, null);
    store.record(busy, OfferStage.VIEWED, "BUYER_OPENED", null, "buyer", Instant.parse("1969-12-31T23:59:59.000001Z"),
        null);
    store.record(busy, OfferStage.ACCEPTED, "AGREEMENT", "first", "event", base.plusNanos(123_456_000), null);
    store.record(busy, OfferStage.REPLACED, "AMENDED", "second", "event", base.plusNanos(123_456_000), null);
    // An offer without any event shows an empty timeline.
    jdbc.sql("DELETE FROM offer_event WHERE organization_id = ? AND offer_id = ?")
        .params(seller, offers.get(0).id()).update();
    // An event row of another organization on this offer's ID is not its timeline.
    jdbc.sql("""
        INSERT INTO offer_event (id, offer_id, organization_id, occurred_at, stage, cause, detail, actor)
        VALUES (?, ?, ?, ?, 'SENT', 'OTHER', 'not this seller''s', 'other')""")
        .params(UUID.randomUUID(), offers.get(1).id(), other, Timestamp.from(base)).update();
    Offer theirs = offer(other, "Other deal", base);
    store.insert(theirs);
    store.record(theirs, OfferStage.DRAFT, "CREATED", null, "rep@other.example", base, null);

    statements.set(0);
    OfferStore.Listed first = store.page(seller, OfferTable.Filter.none(),
        new PageRequest<>(OfferTable.NEWEST, null, 2));
    assertThat(statements.get()).as("statements for a page with its timelines").isEqualTo(1);
    assertThat(first.page().items()).extracting(Offer::id).containsExactly(offers.get(2).id(), offers.get(1).id());
    assertThat(first.page().nextCursor()).isNotNull();
    for (Offer listed : first.page().items()) {
      assertThat(first.timelines().get(listed.id())).isEqualTo(store.timeline(seller, listed.id()));
    }
    List<OfferStore.TimelineEntry> busyTimeline = first.timelines().get(busy.id());
    assertThat(busyTimeline).extracting(OfferStore.TimelineEntry::cause)
        .containsExactly("BUYER_OPENED", "PUBLISHED", "AGREEMENT", "AMENDED", "CREATED");
    assertThat(busyTimeline.get(0).at()).isEqualTo(Instant.parse("1969-12-31T23:59:59.000001Z"));
    assertThat(busyTimeline.get(0).detail()).isNull();
    assertThat(busyTimeline.get(1).detail()).isEqualTo("\"quoted\", back\\slash, tab\t, line\nand é");
    assertThat(busyTimeline.get(2).at()).isEqualTo(base.plusNanos(123_456_000));
    assertThat(first.timelines().get(offers.get(1).id())).extracting(OfferStore.TimelineEntry::cause)
        .containsExactly("CREATED");

    statements.set(0);
    CursorPage<Offer> firstPage = first.page();
    OfferStore.Listed second = store.page(seller, OfferTable.Filter.none(), new PageRequest<>(OfferTable.NEWEST,
        OfferTable.NEWEST.after(firstPage.items().get(1)), 2));
    assertThat(statements.get()).isEqualTo(1);
    assertThat(second.page().items()).extracting(Offer::id).containsExactly(offers.get(0).id());
    assertThat(second.timelines().get(offers.get(0).id())).isEmpty();

    // Read again, unchanged: the same timeline; changed (a new event): the new one.
    assertThat(store.page(seller, OfferTable.Filter.none(), new PageRequest<>(OfferTable.NEWEST, null, 2))
        .timelines().get(busy.id())).isSameAs(busyTimeline);
    store.record(busy, OfferStage.ACCEPTED, "AGREEMENT", "again", "event", base.plusSeconds(60), null);
    assertThat(store.page(seller, OfferTable.Filter.none(), new PageRequest<>(OfferTable.NEWEST, null, 2))
        .timelines().get(busy.id())).hasSize(6).isEqualTo(store.timeline(seller, busy.id()));

    OfferStore.Listed theirPage = store.page(other, OfferTable.Filter.none(),
        new PageRequest<>(OfferTable.NEWEST, null, 50));
    assertThat(theirPage.page().items()).extracting(Offer::id).containsExactly(theirs.id());
    assertThat(theirPage.timelines().get(theirs.id())).extracting(OfferStore.TimelineEntry::actor)
        .containsExactly("rep@other.example");
  }

  private static Offer offer(UUID organizationId, String name, Instant createdAt) {
    OfferTerms terms = new OfferTerms("prod-statement", name, null, List.of("777788889999"), "USD", null,
        List.of(new OfferTerms.PricedDimension("Seats", 1L, new BigDecimal("10.00"))), 12, null, null, List.of(),
        null, null, null, false, null);
    return new Offer(UUID.randomUUID(), organizationId, OfferType.DIRECT, OfferStage.DRAFT, terms, null, null, 0, 0,
        "rep@seller.example", null, null, null, null, List.of(), UUID.randomUUID().toString(), createdAt, createdAt);
  }

  /** The data source, counting the statements prepared or created on its connections. */
  private static DataSource counting(DataSource real, AtomicInteger statements) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          if (result instanceof Connection connection) {
            return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> {
                  if (m.getName().equals("prepareStatement") || m.getName().equals("createStatement")
                      || m.getName().equals("prepareCall")) {
                    statements.incrementAndGet();
                  }
                  return invoke(connection, m, a);
                });
          }
          return result;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
