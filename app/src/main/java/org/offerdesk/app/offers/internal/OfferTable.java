package org.offerdesk.app.offers.internal;

import org.offerdesk.app.money.MoneyFormat;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.FilterField;
import org.offerdesk.app.web.table.SortKey;
import org.offerdesk.app.web.table.TableParams;

/**
 * The offers table as the API, the console page and the export all read it: its filters, its sorts (each
 * a keyset for stable cursor pages) and its CSV columns. The SQL behind the filters is in {@link OfferStore}.
 */
final class OfferTable {

  private OfferTable() {}

  /** What the offers table can be filtered by; null means any. */
  record Filter(OfferStage stage, OfferType type, String productId, String buyerAccountId, String owner, String q,
      LocalDate createdFrom, LocalDate createdTo, LocalDate expiresFrom, LocalDate expiresTo, boolean open,
      String resellerAccountId, String resaleAuthorizationId) {

    static Filter none() {
      return new Filter(null, null, null, null, null, null, null, null, null, null, false, null, null);
    }

    /** The filters among the parameters, in the order the filter bar shows them. */
    static Filter from(TableParams p) {
      return new Filter(p.choice("stage", OfferStage.class), p.choice("type", OfferType.class), p.text("productId"),
          p.text("buyerAccountId"), p.text("owner"), p.text("q"), p.date("createdFrom"), p.date("createdTo"),
          p.date("expiresFrom"), p.date("expiresTo"), p.flag("open"), p.text("resellerAccountId"),
          p.text("resaleAuthorizationId"));
    }

    /** The same filter with any stage: what the per-stage counts are taken under. */
    Filter anyStage() {
      return new Filter(null, type, productId, buyerAccountId, owner, q, createdFrom, createdTo, expiresFrom,
          expiresTo, open, resellerAccountId, resaleAuthorizationId);
    }
  }

  private static final String NEVER = "9999-12-31";

  static final SortKey<Offer> NEWEST = SortKey.byId("newest", "created_at", SortKey.Type.TIMESTAMP, true,
      o -> o.createdAt().toString(), Offer::id);
  static final SortKey<Offer> OLDEST = SortKey.byId("oldest", "created_at", SortKey.Type.TIMESTAMP, false,
      o -> o.createdAt().toString(), Offer::id);
  static final SortKey<Offer> EXPIRING = SortKey.byId("expiring", "coalesce(expires_on, DATE '" + NEVER + "')",
      SortKey.Type.DATE, false, o -> o.terms().expiresOn() == null ? NEVER : o.terms().expiresOn().toString(),
      Offer::id);
  static final SortKey<Offer> NAME = SortKey.byId("name", "lower(name)", SortKey.Type.TEXT, false,
      o -> o.terms().name() == null ? "" : o.terms().name().toLowerCase(), Offer::id);

  /** The sorts by every name they answer to: the API's field names and the page's words. */
  static final Map<String, SortKey<Offer>> SORTS = sorts();

  private static Map<String, SortKey<Offer>> sorts() {
    Map<String, SortKey<Offer>> sorts = new LinkedHashMap<>();
    sorts.put("-createdAt", NEWEST);
    sorts.put("createdAt", OLDEST);
    sorts.put("expiresOn", EXPIRING);
    sorts.put("name", NAME);
    sorts.put("newest", NEWEST);
    sorts.put("oldest", OLDEST);
    sorts.put("expiring", EXPIRING);
    return sorts;
  }

  /** The sort the parameters ask for, newest first by default. */
  static SortKey<Offer> sort(TableParams p) {
    return p.sort(SORTS, NEWEST, OLDEST, EXPIRING, NAME);
  }

  /** The columns of the CSV export, one line per offer. */
  static final List<CsvColumn<Offer>> CSV = List.of(
      CsvColumn.of("id", Offer::id),
      CsvColumn.of("name", o -> o.terms().name()),
      CsvColumn.of("type", Offer::type),
      CsvColumn.of("stage", Offer::stage),
      CsvColumn.of("product_id", o -> o.terms().productId()),
      CsvColumn.of("buyer_account_ids", o -> String.join(" ", o.terms().buyerAccountIds())),
      CsvColumn.of("currency", o -> o.terms().currency()),
      CsvColumn.of("contract_total", o -> MoneyFormat.cell(o.terms().contractTotal().orElse(null))),
      CsvColumn.of("expires_on", o -> o.terms().expiresOn()),
      CsvColumn.of("marketplace_offer_id", Offer::marketplaceOfferId),
      CsvColumn.of("agreement_id", Offer::agreementId),
      CsvColumn.of("owner", Offer::owner),
      CsvColumn.of("created_at", Offer::createdAt));

  /** The filter bar of the console page, with the organization's listings and owners to choose from. */
  static List<FilterField> fields(Map<String, String> listings, List<String> owners) {
    Map<String, String> sorts = new LinkedHashMap<>();
    sorts.put("newest", "Newest first");
    sorts.put("oldest", "Oldest first");
    sorts.put("expiring", "Expiring soonest");
    sorts.put("name", "Name");
    return List.of(
        FilterField.search("Name, offer ID or buyer account", 3),
        FilterField.choice("stage", "Stage", OfferStage.class, 2),
        FilterField.choice("type", "Type", OfferType.class, 2),
        FilterField.choice("productId", "Listing", "Any", listings, 3),
        FilterField.choice("sort", "Sort", null, sorts, 2),
        FilterField.text("buyerAccountId", "Buyer account", "12 digits", 2),
        FilterField.choice("owner", "Owner", "Anyone", FilterField.names(owners), 2),
        FilterField.date("createdFrom", "Created from", 2),
        FilterField.date("createdTo", "Created to", 2),
        FilterField.date("expiresFrom", "Expires from", 2),
        FilterField.date("expiresTo", "Expires to", 2),
        FilterField.choice("open", "Open offers", "Any", Map.of("true", "Sent or viewed, not accepted"), 2));
  }
}
