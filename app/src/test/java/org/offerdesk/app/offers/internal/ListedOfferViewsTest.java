package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;

/**
 * {@link ListedOfferViews}: the list's view of an offer is made again whenever anything it is made from differs, and
 * is the very view made last when nothing does (read again, as a new request reads it: equal, not the same objects).
 */
class ListedOfferViewsTest {

  final Instant created = Instant.parse("2026-12-04T04:02:30.123456Z");
  final UUID id = UUID.randomUUID();
  final UUID org = UUID.randomUUID();

  OfferTerms terms(String name, String unitPrice) {
    return new OfferTerms("prod-1", name, null, List.of("123456789012"), "USD", OfferTerms.PricingModel.CONTRACT,
        List.of(new OfferTerms.PricedDimension("users", 10L, new BigDecimal(unitPrice))), 12, null, null,
        List.of(new OfferTerms.Installment(LocalDate.parse("2027-02-09"), new BigDecimal("100"))),
        LocalDate.parse("2027-02-08"), null, null, false,
        new OfferTerms.Metadata(Map.of("crm", "OPP-1"), Map.of(), Map.of()));
  }

  Offer offer(OfferType type, OfferStage stage, OfferTerms terms, int version) {
    return new Offer(id, org, type, stage, terms, null, null, 0, version, "rep@seller.example", null, null, null,
        null, List.of(), null, created, created.plusSeconds(version));
  }

  /** As a request reads it from its row: new objects every time. */
  List<OfferStore.TimelineEntry> timeline(int entries) {
    List<OfferStore.TimelineEntry> timeline = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      timeline.add(new OfferStore.TimelineEntry(created.plusSeconds(i), OfferStage.DRAFT, "CREATED",
          new String("step " + i), "rep@seller.example"));
    }
    return timeline;
  }

  @Test
  void the_same_offer_read_again_is_the_view_made_last_and_any_change_makes_a_new_one() {
    ListedOfferViews views = new ListedOfferViews();
    Offer draft = offer(OfferType.DIRECT, OfferStage.DRAFT, terms("Northwind", "10"), 1);
    OfferView first = views.of(draft, timeline(2), null, null);
    assertThat(first).isEqualTo(OfferView.of(draft, timeline(2), List.of(), null));

    // Read again by another request: equal offer (its terms parsed again too), equal timeline.
    OfferView again = views.of(offer(OfferType.DIRECT, OfferStage.DRAFT, terms("Northwind", "10"), 1), timeline(2),
        null, null);
    assertThat(again).isSameAs(first);

    // Each input changed: a view made from it, as making it anew gives.
    Offer sent = offer(OfferType.DIRECT, OfferStage.SENT, terms("Northwind", "10"), 2);
    OfferView moved = views.of(sent, timeline(2), null, null);
    assertThat(moved).isEqualTo(OfferView.of(sent, timeline(2), List.of(), null));
    assertThat(moved.actions()).isNotEqualTo(first.actions());

    Offer repriced = offer(OfferType.DIRECT, OfferStage.SENT, terms("Northwind", "12"), 2);
    OfferView repricedView = views.of(repriced, timeline(2), null, null);
    assertThat(repricedView).isEqualTo(OfferView.of(repriced, timeline(2), List.of(), null));
    assertThat(repricedView.contractTotal()).isNotEqualTo(moved.contractTotal());

    assertThat(views.of(repriced, timeline(3), null, null).timeline()).hasSize(3);
    List<OfferStore.TimelineEntry> edited = timeline(3);
    edited.set(2, new OfferStore.TimelineEntry(created.plusSeconds(2), OfferStage.SENT, "MOVED", "step 2",
        "marketplace"));
    assertThat(views.of(repriced, edited, null, null).timeline().get(2).actor()).isEqualTo("marketplace");

    Offer partnerOffer = offer(OfferType.PARTNER, OfferStage.SENT, terms("Northwind", "12"), 2);
    PartnerTerms partner = new PartnerTerms("resaleauthz-1", "111122223333", "ISV Co", "USD", "P12M",
        new BigDecimal("12.50"), List.of(new PartnerTerms.Wholesale("users", "Users", new BigDecimal("9"))));
    OfferView withPartner = views.of(partnerOffer, edited, partner, null);
    assertThat(withPartner.partner().isvName()).isEqualTo("ISV Co");
    PartnerTerms otherIsv = new PartnerTerms("resaleauthz-1", "111122223333", "ISV Other", "USD", "P12M",
        new BigDecimal("12.50"), List.of(new PartnerTerms.Wholesale("users", "Users", new BigDecimal("9"))));
    assertThat(views.of(partnerOffer, edited, otherIsv, null).partner().isvName()).isEqualTo("ISV Other");
    OfferView linked = views.of(partnerOffer, edited, otherIsv,
        new PartnerOfferLinks.Link("resaleauthz-1", "444455556666"));
    assertThat(linked.resellerAccountId()).isEqualTo("444455556666");
    assertThat(views.of(partnerOffer, edited, otherIsv, new PartnerOfferLinks.Link("resaleauthz-1", "444455556666")))
        .isSameAs(linked);
  }
}
