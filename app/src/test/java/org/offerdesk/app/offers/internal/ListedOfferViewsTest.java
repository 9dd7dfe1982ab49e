package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * {@link ListedOfferViews}: the list's view of an offer is kept in the offer's memo entry for the row version it was
 * read with, and is the very view made last when the offer is read again with that version (as a new request reads
 * it: an equal offer, not the same object); a new row version, another timeline, a partner offer's other terms or
 * link, or no entry at all make the view anew, as making it gives.
 */
class ListedOfferViewsTest {

  final Instant created = Instant.parse("2026-12-04T04:02:30.123456Z");
  final UUID id = UUID.randomUUID();
  final UUID org = UUID.randomUUID();
  final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json().build();
  final ParsedOfferJson json = new ParsedOfferJson(mapper.readerFor(OfferTerms.class),
      mapper.readerFor(new TypeReference<List<Offer.PublishError>>() {}));
  final ListedOfferViews views = new ListedOfferViews(json);

  OfferTerms terms(String name, String unitPrice) {
    return new OfferTerms("prod-1", name, null, List.of("123456789012"), "USD", OfferTerms.PricingModel.CONTRACT,
        List.of(new OfferTerms.PricedDimension("users", 10L, new BigDecimal(unitPrice))), 12, null, null,
        List.of(new OfferTerms.Installment(LocalDate.parse("2027-02-09"), new BigDecimal("100"))),
        LocalDate.parse("2027-02-08"), null, null, false,
        new OfferTerms.Metadata(Map.of("crm", "OPP-1"), Map.of(), Map.of()));
  }

  /** The memo's entry for this row version of the offer, as the list's page statement finds or makes it. */
  ParsedOfferJson.Parsed read(long xmin, int version, OfferTerms terms) throws Exception {
    ParsedOfferJson.RowVersion v = new ParsedOfferJson.RowVersion(xmin, version, created.plusSeconds(version));
    ParsedOfferJson.Parsed kept = json.at(id, v);
    return kept != null ? kept : json.parse(id, mapper.writeValueAsBytes(terms),
        "[]".getBytes(StandardCharsets.UTF_8), v);
  }

  /** As a request reads it from its row: a new object every time, with the entry's parse. */
  Offer offer(OfferType type, OfferStage stage, ParsedOfferJson.Parsed entry) {
    return new Offer(id, org, type, stage, entry.terms(), null, null, 0, entry.version().version(),
        "rep@seller.example", null, null, null, null, List.of(), null, created, entry.version().updatedAt());
  }

  List<OfferStore.TimelineEntry> timeline(int entries) {
    List<OfferStore.TimelineEntry> timeline = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      timeline.add(new OfferStore.TimelineEntry(created.plusSeconds(i), OfferStage.DRAFT, "CREATED",
          new String("step " + i), "rep@seller.example"));
    }
    return List.copyOf(timeline);
  }

  /** The entry with this timeline kept, as {@link OfferTimelines} leaves it for the page. */
  ParsedOfferJson.Parsed withTimeline(ParsedOfferJson.Parsed entry, List<OfferStore.TimelineEntry> timeline) {
    return entry.timeline() != null ? entry : json.withTimeline(id, entry, timeline);
  }

  @Test
  void the_same_row_version_read_again_is_the_view_made_last_and_any_change_makes_a_new_one() throws Exception {
    ParsedOfferJson.Parsed draftRow = withTimeline(read(100, 1, terms("Northwind", "10")), timeline(2));
    Offer draft = offer(OfferType.DIRECT, OfferStage.DRAFT, draftRow);
    OfferView first = views.of(draft, draftRow.timeline(), null, null, draftRow);
    assertThat(first).isEqualTo(OfferView.of(draft, timeline(2), List.of(), null));

    // Read again by another request with the same row version: its entry holds the timeline and the view.
    ParsedOfferJson.Parsed again = read(100, 1, terms("Northwind", "10"));
    assertThat(again.timeline()).isSameAs(draftRow.timeline());
    assertThat(views.of(offer(OfferType.DIRECT, OfferStage.DRAFT, again), again.timeline(), null, null, again))
        .isSameAs(first);

    // A new row version (the offer moved, or repriced): a view made from it, as making it anew gives.
    ParsedOfferJson.Parsed sentRow = withTimeline(read(101, 2, terms("Northwind", "10")), timeline(2));
    assertThat(json.at(id, draftRow.version())).isNull();
    Offer sent = offer(OfferType.DIRECT, OfferStage.SENT, sentRow);
    OfferView moved = views.of(sent, sentRow.timeline(), null, null, sentRow);
    assertThat(moved).isEqualTo(OfferView.of(sent, timeline(2), List.of(), null));
    assertThat(moved.actions()).isNotEqualTo(first.actions());

    ParsedOfferJson.Parsed repricedRow = withTimeline(read(102, 3, terms("Northwind", "12")), timeline(3));
    Offer repriced = offer(OfferType.DIRECT, OfferStage.SENT, repricedRow);
    OfferView repricedView = views.of(repriced, repricedRow.timeline(), null, null, repricedRow);
    assertThat(repricedView).isEqualTo(OfferView.of(repriced, timeline(3), List.of(), null));
    assertThat(repricedView.contractTotal()).isNotEqualTo(moved.contractTotal());
    assertThat(repricedView.timeline()).hasSize(3);

    // A timeline that is not the entry's own (read inside a transaction that writes): made with it, not kept.
    List<OfferStore.TimelineEntry> edited = new ArrayList<>(timeline(3));
    edited.set(2, new OfferStore.TimelineEntry(created.plusSeconds(2), OfferStage.SENT, "MOVED", "step 2",
        "marketplace"));
    assertThat(views.of(repriced, edited, null, null, repricedRow).timeline().get(2).actor())
        .isEqualTo("marketplace");
    assertThat(views.of(repriced, repricedRow.timeline(), null, null, read(102, 3, terms("Northwind", "12"))))
        .isSameAs(repricedView);

    // No entry at all: made anew every time, as making it gives.
    OfferView unkept = views.of(repriced, repricedRow.timeline(), null, null, null);
    assertThat(unkept).isEqualTo(repricedView).isNotSameAs(repricedView);

    // A partner offer's terms and links live in other tables: compared on every read.
    ParsedOfferJson.Parsed partnerRow = withTimeline(read(103, 4, terms("Northwind", "12")), timeline(3));
    Offer partnerOffer = offer(OfferType.PARTNER, OfferStage.SENT, partnerRow);
    PartnerTerms partner = new PartnerTerms("resaleauthz-1", "111122223333", "ISV Co", "USD", "P12M",
        new BigDecimal("12.50"), List.of(new PartnerTerms.Wholesale("users", "Users", new BigDecimal("9"))));
    OfferView withPartner = views.of(partnerOffer, partnerRow.timeline(), partner, null, partnerRow);
    assertThat(withPartner.partner().isvName()).isEqualTo("ISV Co");
    PartnerTerms otherIsv = new PartnerTerms("resaleauthz-1", "111122223333", "ISV Other", "USD", "P12M",
        new BigDecimal("12.50"), List.of(new PartnerTerms.Wholesale("users", "Users", new BigDecimal("9"))));
    ParsedOfferJson.Parsed reread = read(103, 4, terms("Northwind", "12"));
    assertThat(views.of(partnerOffer, reread.timeline(), otherIsv, null, reread).partner().isvName())
        .isEqualTo("ISV Other");
    reread = read(103, 4, terms("Northwind", "12"));
    OfferView linked = views.of(partnerOffer, reread.timeline(), otherIsv,
        new PartnerOfferLinks.Link("resaleauthz-1", "444455556666"), reread);
    assertThat(linked.resellerAccountId()).isEqualTo("444455556666");
    reread = read(103, 4, terms("Northwind", "12"));
    assertThat(views.of(partnerOffer, reread.timeline(), otherIsv,
        new PartnerOfferLinks.Link("resaleauthz-1", "444455556666"), reread)).isSameAs(linked);
  }
}
