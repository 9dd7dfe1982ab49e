package org.offerdesk.app.partners.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.partners.ResaleAuthorizationStatus;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.FilterField;
import org.offerdesk.app.web.table.SortKey;
import org.offerdesk.app.web.table.TableParams;

/**
 * The resale authorizations table as the API, the console page and the export read it: filters, sorts and
 * CSV columns. The SQL behind the filters is in {@link ResaleAuthorizationStore}.
 */
final class ResaleAuthorizationTable {

  private ResaleAuthorizationTable() {}

  /** What the table can be filtered by; null means any. */
  record Filter(ResaleAuthorizationStatus status, String productId, String resellerAccountId, String q,
      LocalDate createdFrom, LocalDate createdTo) {

    static Filter from(TableParams p) {
      return new Filter(p.choice("status", ResaleAuthorizationStatus.class), p.text("productId"),
          p.text("resellerAccountId"), p.text("q"), p.date("createdFrom"), p.date("createdTo"));
    }

    Filter anyStatus() {
      return new Filter(null, productId, resellerAccountId, q, createdFrom, createdTo);
    }
  }

  static final SortKey<ResaleAuthorization> NEWEST = SortKey.byId("newest", "created_at", SortKey.Type.TIMESTAMP,
      true, r -> r.createdAt().toString(), ResaleAuthorization::id);
  static final SortKey<ResaleAuthorization> OLDEST = SortKey.byId("oldest", "created_at", SortKey.Type.TIMESTAMP,
      false, r -> r.createdAt().toString(), ResaleAuthorization::id);
  static final SortKey<ResaleAuthorization> NAME = SortKey.byId("name", "lower(name)", SortKey.Type.TEXT, false,
      r -> r.terms().name() == null ? "" : r.terms().name().toLowerCase(), ResaleAuthorization::id);

  static SortKey<ResaleAuthorization> sort(TableParams p) {
    Map<String, SortKey<ResaleAuthorization>> sorts = new LinkedHashMap<>();
    sorts.put("-createdAt", NEWEST);
    sorts.put("createdAt", OLDEST);
    sorts.put("name", NAME);
    sorts.put("newest", NEWEST);
    sorts.put("oldest", OLDEST);
    return p.sort(sorts, NEWEST, OLDEST, NAME);
  }

  /** The columns of the CSV export, one line per authorization. */
  static final List<CsvColumn<ResaleAuthorization>> CSV = List.of(
      CsvColumn.of("id", ResaleAuthorization::id),
      CsvColumn.of("name", r -> r.terms().name()),
      CsvColumn.of("status", ResaleAuthorization::status),
      CsvColumn.of("product_id", r -> r.terms().productId()),
      CsvColumn.of("reseller_account_id", r -> r.terms().resellerAccountId()),
      CsvColumn.of("currency", r -> r.terms().currency()),
      CsvColumn.of("discount_percent", r -> r.terms().pricing() == null ? null : r.terms().pricing().discountPercent()),
      CsvColumn.of("wholesale_value", r -> r.wholesaleValue() == null ? null : r.wholesaleValue().toPlainString()),
      CsvColumn.of("availability", r -> r.terms().availability().type()),
      CsvColumn.of("ends_on", r -> r.terms().availability().endsOn()),
      CsvColumn.of("buyer_account_ids", r -> String.join(" ", r.terms().buyerAccountIds())),
      CsvColumn.of("marketplace_resale_authorization_id", ResaleAuthorization::marketplaceId),
      CsvColumn.of("created_by", ResaleAuthorization::createdBy),
      CsvColumn.of("created_at", ResaleAuthorization::createdAt));

  /** The filter bar of the console page. */
  static List<FilterField> fields(Map<String, String> listings) {
    Map<String, String> sorts = new LinkedHashMap<>();
    sorts.put("newest", "Newest first");
    sorts.put("oldest", "Oldest first");
    sorts.put("name", "Name");
    return List.of(
        FilterField.search("Name, ID or reseller account", 3),
        FilterField.choice("status", "Status", ResaleAuthorizationStatus.class, 2),
        FilterField.choice("productId", "Listing", "Any", listings, 3),
        FilterField.text("resellerAccountId", "Reseller account", "12 digits", 2),
        FilterField.choice("sort", "Sort", null, sorts, 2),
        FilterField.date("createdFrom", "Created from", 2),
        FilterField.date("createdTo", "Created to", 2));
  }
}
