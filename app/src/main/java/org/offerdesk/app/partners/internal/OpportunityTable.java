package org.offerdesk.app.partners.internal;

import java.util.List;
import java.util.Map;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.FilterField;
import org.offerdesk.app.web.table.SortKey;
import org.offerdesk.app.web.table.TableParams;

/**
 * The opportunities table as the API, the console page and the export read it: filters by manufacturer,
 * product and search, newest first (a keyset over the time received and the authorization's ID), and its
 * CSV columns. The SQL is in {@link OpportunityStore}.
 */
final class OpportunityTable {

  private OpportunityTable() {}

  /** What the opportunities table filters by; null means any. */
  record Filter(String isvAccountId, String productId, String q) {

    static Filter from(TableParams p) {
      return new Filter(p.text("isvAccountId"), p.text("productId"), p.text("q"));
    }
  }

  static final SortKey<Opportunity> NEWEST = new SortKey<>("newest", "received_at", SortKey.Type.TIMESTAMP, true,
      o -> o.receivedAt().toString(), "resale_authorization_id", SortKey.Type.TEXT, o -> o.authorization().id());

  /** The columns of the CSV export, one line per opportunity. */
  static final List<CsvColumn<Opportunity>> CSV = List.of(
      CsvColumn.of("resale_authorization_id", o -> o.authorization().id()),
      CsvColumn.of("name", o -> o.authorization().name()),
      CsvColumn.of("isv_account_id", o -> o.authorization().manufacturerAccountId()),
      CsvColumn.of("isv_name", o -> o.authorization().manufacturerName()),
      CsvColumn.of("product_id", o -> o.authorization().productId()),
      CsvColumn.of("product_name", o -> o.authorization().productName()),
      CsvColumn.of("currency", o -> o.authorization().currency()),
      CsvColumn.of("wholesale_prices", o -> String.join(" ", o.authorization().prices().stream()
          .map(p -> (p.dimensionKey() == null ? "contract" : p.dimensionKey()) + "=" + MoneyFormat.cell(
              MoneyFormat.of(p.price(), o.authorization().currency()))).toList())),
      CsvColumn.of("buyer_account_ids", o -> String.join(" ", o.authorization().buyerAccountIds())),
      CsvColumn.of("expires_on", o -> o.authorization().availabilityEndDate()),
      CsvColumn.of("uses_left", o -> o.authorization().usesLeft().map(String::valueOf).orElse("unlimited")),
      CsvColumn.of("received_at", Opportunity::receivedAt));

  /** The filter bar of the console page, with the manufacturers the reseller holds authorizations from. */
  static List<FilterField> fields(Map<String, String> isvs) {
    return List.of(
        FilterField.search("Name, product, ISV or authorization ID", 5),
        FilterField.choice("isvAccountId", "ISV", "Any", isvs, 3));
  }
}
