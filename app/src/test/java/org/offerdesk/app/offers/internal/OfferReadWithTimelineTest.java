package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.identity.internal.TestTenants;
import org.offerdesk.app.support.OfferDeskTest;

/**
 * The API's look at one offer ({@code GET /api/v1/offers/{id}}, which a publishing client repeats every few hundred
 * milliseconds) reads the offer and its timeline in one statement, and reads exactly what the offer's own read and
 * the timeline's read give: the events in order, none for an offer without any, nothing for another seller's offer.
 */
@OfferDeskTest
class OfferReadWithTimelineTest extends RecordedOfferStoreTest {

  @Override
  String sellerName() {
    return "One Look Co";
  }


  @Test
  void the_offer_and_its_timeline_in_order_in_one_statement() {
    UUID id = offer("With events");
    // Written out of order, two at the same instant (the sequence decides), one with no detail.
    event(id, "2026-01-01 10:00:02+00", "PUBLISHING", "change set submitted", "cs-1");
    event(id, "2026-01-01 10:00:00+00", "DRAFT", "created", null);
    event(id, "2026-01-01 10:00:01+00", "PUBLISHING", "publish requested", "revision 1");
    event(id, "2026-01-01 10:00:01+00", "PUBLISHING", "publish requested again", "revision 1");

    statements.clear();
    OfferStore.Read read = store.findWithTimeline(org, id).orElseThrow();
    assertThat(statements).hasSize(1);

    assertThat(read.offer()).isEqualTo(store.find(org, id).orElseThrow());
    assertThat(read.timeline()).isEqualTo(store.timeline(org, id));
    assertThat(read.timeline()).extracting(OfferStore.TimelineEntry::cause)
        .containsExactly("created", "publish requested", "publish requested again", "change set submitted");
    assertThat(read.timeline().get(0).detail()).isNull();
  }

  @Test
  void an_offer_without_events_has_an_empty_timeline_and_another_sellers_offer_is_not_found() {
    UUID id = offer("No events");
    OfferStore.Read read = store.findWithTimeline(org, id).orElseThrow();
    assertThat(read.offer()).isEqualTo(store.find(org, id).orElseThrow());
    assertThat(read.timeline()).isEmpty();

    UUID other = new TestTenants(context).seller("Other Look Co").organizationId();
    assertThat(store.findWithTimeline(other, id)).isEmpty();
    assertThat(store.findWithTimeline(org, UUID.randomUUID())).isEmpty();
  }

  private UUID offer(String name) {
    UUID id = UUID.randomUUID();
    jdbc.sql("""
        INSERT INTO offer (id, organization_id, type, stage, product_id, name, buyer_account_ids, currency, terms,
          owner, view_token, created_at, updated_at)
        VALUES (:id, :org, 'DIRECT', 'DRAFT', 'prod-look', :name, ARRAY['111122223333'], 'USD',
          jsonb_build_object('name', CAST(:name AS text)), 'look@timeline.test', 'view-' || gen_random_uuid(),
          now(), now())""")
        .param("id", id).param("org", org).param("name", name).update();
    return id;
  }

  private void event(UUID offer, String at, String stage, String cause, String detail) {
    jdbc.sql("""
        INSERT INTO offer_event (id, offer_id, organization_id, occurred_at, stage, cause, detail, actor)
        VALUES (gen_random_uuid(), :offer, :org, CAST(:at AS timestamptz), :stage, :cause, :detail, 'tester')""")
        .param("offer", offer).param("org", org).param("at", at).param("stage", stage).param("cause", cause)
        .param("detail", detail).update();
  }

}
