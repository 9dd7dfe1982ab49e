package org.offerdesk.app.offers.internal;

import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;

/**
 * What the offers pages show, apart from the pages themselves: the table's row, the offer page's priced
 * lines and metadata sections, the stage colours and the names of the fields, shared by the list, the offer
 * page and the form.
 */
final class OfferPageModels {

  private OfferPageModels() {}

  /** Bootstrap colours of the stage badges: grey before the marketplace, blue on it, green once accepted. */
  static final Map<OfferStage, String> STAGE_STYLES = new EnumMap<>(Map.ofEntries(
      Map.entry(OfferStage.DRAFT, "text-bg-secondary"),
      Map.entry(OfferStage.PUBLISHING, "text-bg-info"),
      Map.entry(OfferStage.PUBLISH_FAILED, "text-bg-danger"),
      Map.entry(OfferStage.SENT, "text-bg-primary"),
      Map.entry(OfferStage.VIEWED, "text-bg-primary"),
      Map.entry(OfferStage.ACCEPTED, "text-bg-success"),
      Map.entry(OfferStage.REGISTERED, "text-bg-success"),
      Map.entry(OfferStage.PROVISIONED, "text-bg-success"),
      Map.entry(OfferStage.EXPIRED, "text-bg-warning"),
      Map.entry(OfferStage.CANCELLED, "text-bg-dark"),
      Map.entry(OfferStage.REPLACED, "text-bg-light border")));

  static final Map<MetadataGroup, String> GROUP_TITLES = new EnumMap<>(Map.of(
      MetadataGroup.BOOKING, "Booking data",
      MetadataGroup.REGISTRATION, "Registration information",
      MetadataGroup.CONTRACT, "Contract metadata"));

  /** What the fields are called on the page, for messages that name them. */
  static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("productId", "Listing"), Map.entry("name", "Name"), Map.entry("description", "Description"),
      Map.entry("buyerAccountIds", "Buyer AWS account IDs"), Map.entry("currency", "Currency"),
      Map.entry("pricingModel", "Pricing model"), Map.entry("dimensions", "Pricing"),
      Map.entry("durationMonths", "Duration"), Map.entry("serviceStartDate", "Service start date"),
      Map.entry("serviceEndDate", "Service end date"), Map.entry("paymentSchedule", "Payment schedule"),
      Map.entry("expiresOn", "Offer expires on"), Map.entry("eula.type", "Legal terms"),
      Map.entry("eula.url", "Custom EULA URL"), Map.entry("refundPolicy", "Refund policy"),
      Map.entry("type", "Type"));

  /**
   * One line of the offers table, written once in Java (link, badge colour, the first two buyers, the creation
   * time, the net revenue): the page's fifty rows were most of its rendering, each expression and link built in
   * the template costing more than the formatting itself. {@code net} is null when the table has no net revenue
   * column ({@code netShown} false), a dash for a row without.
   */
  record OfferRow(UUID id, String name, OfferType type, OfferStage stage, String listing, List<String> buyers,
      String total, String currency, LocalDate expiresOn, String marketplaceOfferId, String owner,
      Instant createdAt, String link, String stageStyle, List<String> shownBuyers, String moreBuyers,
      String created, boolean netShown, String net) {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    static OfferRow of(Offer o, Map<String, String> listingNames) {
      return of(o, listingNames, null);
    }

    /** The row, with its net revenue from {@code net} (by offer ID) when the table shows that column. */
    static OfferRow of(Offer o, Map<String, String> listingNames, Map<UUID, String> net) {
      OfferTerms t = o.terms();
      List<String> buyers = t.buyerAccountIds() == null ? List.of() : t.buyerAccountIds();
      String shownNet = net == null ? null : net.get(o.id());
      return new OfferRow(o.id(), t.name(), o.type(), o.stage(), listingNames.getOrDefault(t.productId(),
          t.productId()), t.buyerAccountIds(), total(t), t.currency(), t.expiresOn(), o.marketplaceOfferId(),
          o.owner(), o.createdAt(), "/offers/" + o.id(), STAGE_STYLES.get(o.stage()),
          buyers.size() > 2 ? buyers.subList(0, 2) : buyers,
          buyers.size() > 2 ? "+ " + (buyers.size() - 2) + " more" : null,
          o.createdAt() == null ? null : CREATED.format(o.createdAt()), net != null,
          net == null ? null : shownNet == null || shownNet.isEmpty() ? "—" : shownNet);
    }

    private static String total(OfferTerms t) {
      return t.pricingModel() == OfferTerms.PricingModel.USAGE ? "usage"
          : MoneyFormat.amount(t.contractTotal().orElse(null));
    }
  }

  /** A priced dimension of an offer as the offer page shows it. */
  record PricedLine(String key, String name, Long quantity, String unitPrice, String lineTotal) {

    static List<PricedLine> of(Offer offer, Optional<Listing> listing) {
      OfferTerms t = offer.terms();
      Optional<Currency> currency = t.currencyUnit();
      List<PricedLine> lines = new ArrayList<>();
      for (OfferTerms.PricedDimension d : t.dimensions()) {
        String name = listing.flatMap(l -> l.dimension(d.key())).map(Listing.Dimension::name).orElse(d.key());
        Money unit = d.unitPrice() == null ? null : currency.map(d::unitPrice).orElse(null);
        Money line = unit != null && d.quantity() != null && t.pricingModel() == OfferTerms.PricingModel.CONTRACT
            ? unit.times(d.quantity()) : null;
        lines.add(new PricedLine(d.key(), name, d.quantity(), MoneyFormat.amount(unit),
            line == null && t.pricingModel() == OfferTerms.PricingModel.USAGE ? "" : MoneyFormat.amount(line)));
      }
      return lines;
    }
  }

  /** One metadata value with the label its admin gave it. */
  record MetadataLine(String key, String label, String value) {}

  /** A group of metadata with its title, for the offer page and the form. */
  record MetadataSection(String name, String title, List<MetadataField> fields, List<MetadataLine> lines) {

    /** Each group's defined fields with the offer's values, and any value whose field was since removed. */
    static List<MetadataSection> of(OfferTerms.Metadata metadata, List<MetadataField> defined) {
      List<MetadataSection> sections = new ArrayList<>();
      for (MetadataGroup group : MetadataGroup.values()) {
        List<MetadataField> groupFields = defined.stream().filter(f -> f.group() == group).toList();
        Map<String, Object> values = metadata.group(group);
        List<MetadataLine> lines = new ArrayList<>();
        for (MetadataField f : groupFields) {
          lines.add(new MetadataLine(f.key(), f.label(), shown(values.get(f.key()))));
        }
        values.forEach((key, value) -> {
          if (groupFields.stream().noneMatch(f -> f.key().equals(key))) {
            lines.add(new MetadataLine(key, key, shown(value)));
          }
        });
        sections.add(new MetadataSection(group.name().toLowerCase(), GROUP_TITLES.get(group), groupFields, lines));
      }
      return sections;
    }

    private static String shown(Object value) {
      if (value == null) {
        return "";
      }
      return value instanceof Boolean b ? (b ? "Yes" : "No") : String.valueOf(value);
    }
  }

  /** A dimension key the form offers, with what the listing calls it. */
  record DimensionOption(String key, String label) {}

  /**
   * The guardrails of an amendment draft, which the marketplaces do not give: what it would bill twice,
   * a different product, a shorter term. The API's {@code warnings} and the pages' are these.
   */
  static List<String> warnings(OfferStore store, Offer offer) {
    if (offer.type() != OfferType.AMENDMENT || !offer.stage().isDraft()) {
      return List.of();
    }
    return store.baseline(offer.organizationId(), offer.id()).map(b -> b.warnings(offer.terms())).orElse(List.of());
  }

  /** The name of the input a field's error belongs under ({@code eula} errors go under its type). */
  static String input(String field) {
    return field.equals("eula") ? "eula.type" : field;
  }
}
