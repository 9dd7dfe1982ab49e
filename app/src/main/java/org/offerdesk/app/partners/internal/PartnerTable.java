package org.offerdesk.app.partners.internal;

import java.util.List;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.FilterField;
import org.offerdesk.app.web.table.SortKey;
import org.offerdesk.app.web.table.TableParams;

/**
 * The partners directory as the API, the console page and the export read it: a search over name, AWS
 * account and contact, by name (a keyset over the name and the row's ID), and its CSV columns. The SQL is in
 * {@link PartnerStore}.
 */
final class PartnerTable {

  private PartnerTable() {}

  /** What the directory filters by; null means any. */
  record Filter(String q) {

    static Filter from(TableParams p) {
      return new Filter(p.text("q"));
    }
  }

  static final SortKey<Partner> BY_NAME = SortKey.byId("name", "name", SortKey.Type.TEXT, false, Partner::name,
      Partner::id);

  /** The columns of the CSV export, one line per partner. */
  static final List<CsvColumn<PartnerView>> CSV = List.of(
      CsvColumn.of("id", PartnerView::id),
      CsvColumn.of("name", PartnerView::name),
      CsvColumn.of("aws_account_id", PartnerView::awsAccountId),
      CsvColumn.of("contact_name", PartnerView::contactName),
      CsvColumn.of("contact_email", PartnerView::contactEmail),
      CsvColumn.of("uses_offerdesk", PartnerView::usesOfferDesk),
      CsvColumn.of("invitation", PartnerView::invitation),
      CsvColumn.of("invited_at", PartnerView::invitedAt));

  static final List<FilterField> FIELDS = List.of(FilterField.search("Name, AWS account or contact", 5));
}
