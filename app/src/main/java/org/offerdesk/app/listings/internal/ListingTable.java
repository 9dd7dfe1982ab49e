package org.offerdesk.app.listings.internal;

import java.util.List;
import org.offerdesk.app.listings.Listing;
import org.offerdesk.app.listings.ListingState;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.FilterField;
import org.offerdesk.app.web.table.SortKey;
import org.offerdesk.app.web.table.TableParams;

/**
 * The listings table as the API, the console page and the export all read it: filters by state and
 * search, by title (a keyset over title and product ID, for stable cursor pages), and its CSV columns. The
 * SQL is in {@link ListingStore}.
 */
final class ListingTable {

  private ListingTable() {}

  /** What the listings table filters by; null means any. */
  record Filter(ListingState state, String q) {

    static Filter from(TableParams p) {
      return new Filter(p.choice("state", ListingState.class), p.text("q"));
    }
  }

  static final SortKey<Listing> BY_TITLE = new SortKey<>("title", "coalesce(title, '')", SortKey.Type.TEXT, false,
      l -> l.title() == null ? "" : l.title(), "product_id", SortKey.Type.TEXT, Listing::productId);

  /** The columns of the CSV export, one line per listing. */
  static final List<CsvColumn<Listing>> CSV = List.of(
      CsvColumn.of("product_id", Listing::productId),
      CsvColumn.of("title", Listing::title),
      CsvColumn.of("product_code", Listing::productCode),
      CsvColumn.of("state", Listing::state),
      CsvColumn.of("dimensions", l -> String.join(" ", l.dimensions().stream().map(Listing.Dimension::key).toList())),
      CsvColumn.of("support_email", l -> l.template().supportEmail()),
      CsvColumn.of("synced_at", Listing::syncedAt));

  /** The filter bar of the console page. */
  static final List<FilterField> FIELDS = List.of(
      FilterField.search("Title, product ID or code", 4),
      FilterField.choice("state", "State", ListingState.class, 3));
}
