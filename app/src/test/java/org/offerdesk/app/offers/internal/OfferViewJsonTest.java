package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.offerdesk.app.web.CursorPage;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** {@link OfferViewJson} writes what Jackson's bean serializer wrote, with OfferDesk's settings, field for field. */
class OfferViewJsonTest {

  /** As Spring Boot builds the application's mapper with OfferDesk's {@code spring.jackson.*} settings. */
  final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json()
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  /** The same mapper, with the bean serializer OfferView had before {@link OfferViewJson}. */
  final ObjectMapper beans = mapper.copy().setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
    @Override
    public Object findSerializer(Annotated a) {
      return a.getRawType() == OfferView.class ? null : super.findSerializer(a);
    }
  });

  final Instant created = Instant.parse("2026-12-04T04:02:30.123456Z");

  @Test
  void a_page_of_offers_is_written_as_the_bean_serializer_wrote_it() throws Exception {
    Map<String, Object> booking = new HashMap<>();
    booking.put("crmOpportunity", "OPP-1");
    booking.put("seats", 12);
    booking.put("priority", true);
    booking.put("nested", Map.of("a", List.of(1, 2)));
    OfferTerms full = new OfferTerms("prod-1", "Northwind \"Suite\" \u00e9", "Private offer\nfor Northwind",
        List.of("123456789012", "210987654321"), "USD", OfferTerms.PricingModel.CONTRACT,
        List.of(new OfferTerms.PricedDimension("users", 114L, new BigDecimal("1241")),
            new OfferTerms.PricedDimension("admins", 2L, new BigDecimal("10.50"))),
        12, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"),
        List.of(new OfferTerms.Installment(LocalDate.parse("2027-02-09"), new BigDecimal("47158")),
            new OfferTerms.Installment(LocalDate.parse("2027-06-09"), new BigDecimal("1E+3"))),
        LocalDate.parse("2027-02-08"), new OfferTerms.Eula(OfferTerms.EulaType.CUSTOM, "https://example.com/eula"),
        "30 days", true, new OfferTerms.Metadata(booking, Map.of(), Map.of("poNumber", "PO-1")));
    Offer sent = new Offer(UUID.randomUUID(), UUID.randomUUID(), OfferType.AMENDMENT, OfferStage.SENT, full,
        "offer-abc", "cs-1", 2, 3, "rep6@seller.example", UUID.randomUUID(), UUID.randomUUID(), "agmt-src",
        "agmt-1", List.of(new Offer.PublishError("name", "BAD", "too long")), "view", created,
        created.plusSeconds(3600), true, "agmt-old");
    // An offer made outside OfferDesk whose terms the marketplace did not state.
    OfferTerms sparse = new OfferTerms(null, null, null, null, null, null,
        List.of(new OfferTerms.PricedDimension("users", null, null)), null, null, null, null, null, null, null,
        false, null);
    Offer imported = new Offer(UUID.randomUUID(), UUID.randomUUID(), OfferType.DIRECT, OfferStage.DRAFT, sparse,
        null, null, 0, 0, null, null, null, null, null, null, null, created, created);
    PartnerTerms partner = new PartnerTerms("resaleauthz-1", "111122223333", "ISV Co", "USD", "P12M",
        new BigDecimal("12.50"), List.of(new PartnerTerms.Wholesale("users", "Users", new BigDecimal("900"))));
    Offer partnerOffer = new Offer(UUID.randomUUID(), UUID.randomUUID(), OfferType.PARTNER, OfferStage.ACCEPTED,
        full, "offer-p", null, 1, 1, "reseller@example.com", null, null, null, null, List.of(), null, created,
        created);

    List<OfferStore.TimelineEntry> timeline = List.of(
        new OfferStore.TimelineEntry(created, OfferStage.DRAFT, "CREATED", null, "rep6@seller.example"),
        new OfferStore.TimelineEntry(created.plusSeconds(60), OfferStage.SENT, "MOVED", "sent to buyer", "marketplace"));
    CursorPage<OfferView> page = new CursorPage<>(List.of(
        OfferView.of(sent, timeline, List.of("shortens the term")),
        OfferView.of(imported, List.of()),
        OfferView.of(partnerOffer, timeline, List.of(), partner)
            .withPartner(new PartnerOfferLinks.Link("resaleauthz-1", "444455556666"))), "next-cursor");

    String written = mapper.writeValueAsString(page);
    assertThat(mapper.readTree(written)).isEqualTo(beans.readTree(beans.writeValueAsString(page)));
    assertThat(written).contains("\"unitPrice\":\"1241\"", "\"createdAt\":\"2026-12-04T04:02:30.123456Z\"")
        .doesNotContain("\"description\":null");

    // Written again (from the cache of each offer's JSON, as bytes and as text): the same.
    assertThat(mapper.writeValueAsString(page)).isEqualTo(written);
    assertThat(new String(mapper.writeValueAsBytes(page), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(written);
    assertThat(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(page)).contains("\n  \"items\" : [ {");

    // The same offer changed (a new stage, one more timeline entry): written as it is now.
    List<OfferStore.TimelineEntry> longer = new java.util.ArrayList<>(timeline);
    longer.add(new OfferStore.TimelineEntry(created.plusSeconds(120), OfferStage.VIEWED, "MOVED", null, "marketplace"));
    Offer viewed = new Offer(sent.id(), sent.organizationId(), sent.type(), OfferStage.VIEWED, full, "offer-abc",
        "cs-1", 2, 3, "rep6@seller.example", sent.clonedFrom(), sent.reissueOf(), "agmt-src", "agmt-1",
        sent.publishErrors(), "view", created, created.plusSeconds(3600), true, "agmt-old");
    CursorPage<OfferView> changed = new CursorPage<>(List.of(OfferView.of(viewed, longer, List.of("shortens the term"))),
        null);
    for (byte[] json : List.of(mapper.writeValueAsBytes(changed), beans.writeValueAsBytes(changed))) {
      assertThat(mapper.readTree(json).at("/items/0/stage").asText()).isEqualTo("VIEWED");
      assertThat(mapper.readTree(json).at("/items/0/timeline").size()).isEqualTo(3);
    }
    assertThat(mapper.readTree(mapper.writeValueAsBytes(changed)))
        .isEqualTo(beans.readTree(beans.writeValueAsBytes(changed)));

    // Into a tree (what an API PATCH lays its fields over): an object with its fields, not the cached text,
    // for an offer written just before as for one never written.
    OfferView cached = changed.items().get(0);
    OfferView fresh = OfferView.of(imported, List.of());
    for (OfferView v : List.of(cached, fresh)) {
      com.fasterxml.jackson.databind.JsonNode tree = mapper.valueToTree(v);
      assertThat(tree.isObject()).as(tree.getNodeType().toString()).isTrue();
      assertThat(tree).isEqualTo(beans.valueToTree(v));
    }
    assertThat(((com.fasterxml.jackson.databind.JsonNode) mapper.valueToTree(cached)).at("/stage").asText())
        .isEqualTo("VIEWED");
  }

  @Test
  void instants_are_written_as_instant_to_string_writes_them() {
    java.util.Random random = new java.util.Random(18);
    List<Instant> instants = new java.util.ArrayList<>(List.of(Instant.EPOCH, Instant.parse("9999-12-31T23:59:59.999999999Z"),
        Instant.parse("9999-12-31T23:59:59Z").plusSeconds(1), Instant.parse("1969-12-31T23:59:59.5Z"), Instant.MIN, Instant.MAX,
        Instant.parse("2026-12-04T04:02:30Z"), Instant.parse("2026-12-04T04:02:30.120Z"),
        Instant.parse("2026-12-04T04:02:30.000120Z"), Instant.parse("2026-12-04T04:02:30.000000120Z")));
    for (int i = 0; i < 100_000; i++) {
      long seconds = random.nextLong(-5_000_000_000L, 300_000_000_000L);
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      instants.add(Instant.ofEpochSecond(seconds, nano));
    }
    for (Instant instant : instants) {
      assertThat(OfferViewJson.iso(instant)).as("%s", instant).isEqualTo(instant.toString());
    }
  }
}
