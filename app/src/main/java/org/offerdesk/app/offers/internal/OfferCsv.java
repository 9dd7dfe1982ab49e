package org.offerdesk.app.offers.internal;

import java.util.List;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.web.CsvExport;
import org.offerdesk.app.web.CursorPage;

/** The offers table as CSV, every page of it, with the same filters. */
final class OfferCsv {

  private OfferCsv() {}

  static String write(OfferQueries queries, Caller caller, OfferQueries.Filter filter) {
    CsvExport out = CsvExport.table(OfferQueries.csvHeader());
    String cursor = null;
    do {
      CursorPage<Offer> page = queries.list(caller, filter, OfferQueries.Sort.NEWEST, cursor, CursorPage.MAX_LIMIT);
      for (Offer o : page.items()) {
        OfferTerms t = o.terms();
        List<String> row = List.of(o.id().toString(), t.name(), o.type().name(), o.stage().name(), t.productId(),
            String.join(" ", t.buyerAccountIds()), nz(t.currency()), MoneyFormat.cell(t.contractTotal().orElse(null)),
            t.expiresOn() == null ? "" : t.expiresOn().toString(), nz(o.marketplaceOfferId()), nz(o.agreementId()),
            o.owner(), o.createdAt().toString());
        out.row(row);
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return out.text();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
