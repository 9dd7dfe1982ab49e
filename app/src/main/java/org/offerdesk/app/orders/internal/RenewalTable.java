package org.offerdesk.app.orders.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.orders.RenewalStatus;
import org.offerdesk.app.web.table.CsvColumn;
import org.offerdesk.app.web.table.FilterField;
import org.offerdesk.app.web.table.SortKey;
import org.offerdesk.app.web.table.TableParams;

/**
 * The renewals table as the API, the console page and the export all read it: agreements ending within a
 * window ({@code within}, 120 days unless asked) and those that ended in the last {@link #LOOKBACK} (so lapsed,
 * renewed and churned ones stay in sight), soonest end first. The SQL is in {@link RenewalStore}.
 */
final class RenewalTable {

  private RenewalTable() {}

  static final Duration DEFAULT_WINDOW = Duration.ofDays(120);
  static final Duration LONGEST_WINDOW = Duration.ofDays(366);
  static final Duration LOOKBACK = Duration.ofDays(120);

  /** What the renewals table filters by; null means any. */
  record Filter(RenewalStatus status, String owner, String productId, String q, Duration within) {

    /** Strictly for the API (a bad {@code within} is refused), leniently for the page (the default is used). */
    static Filter from(TableParams p, boolean strict) {
      return new Filter(p.choice("status", RenewalStatus.class), p.text("owner"), p.text("productId"), p.text("q"),
          window(p.text("within"), strict));
    }

    static Filter strict(TableParams p) {
      return from(p, true);
    }

    /** The same filter with any status: what the per-status counts are taken under. */
    Filter anyStatus() {
      return new Filter(null, owner, productId, q, within);
    }
  }

  static Duration window(String text, boolean strict) {
    if (text == null) {
      return DEFAULT_WINDOW;
    }
    try {
      Duration d = Duration.parse(text);
      if (!d.isNegative() && !d.isZero() && d.compareTo(LONGEST_WINDOW) <= 0) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // refused below
    }
    if (strict) {
      throw new InvalidInput("within", "must be an ISO 8601 duration of days, such as P120D, up to P366D");
    }
    return DEFAULT_WINDOW;
  }

  static final SortKey<Renewal> SOONEST = SortKey.byId("soonest", "ends_at", SortKey.Type.TIMESTAMP, false,
      r -> r.endsAt().toString(), Renewal::id);

  /** The columns of the CSV export, one line per renewal. */
  static final List<CsvColumn<Renewal>> CSV = List.of(
      CsvColumn.of("order_id", Renewal::id),
      CsvColumn.of("agreement_id", Renewal::agreementId),
      CsvColumn.of("buyer_account_id", Renewal::buyerAccountId),
      CsvColumn.of("product_id", Renewal::productId),
      CsvColumn.of("ends_at", Renewal::endsAt),
      CsvColumn.of("currency", Renewal::currency),
      CsvColumn.of("contract_value", r -> MoneyFormat.cell(r.contractValue())),
      CsvColumn.of("owner", Renewal::owner),
      CsvColumn.of("status", Renewal::status),
      CsvColumn.of("churn_reason", Renewal::churnReason),
      CsvColumn.of("renewal_offer_id", Renewal::renewalOfferId),
      CsvColumn.of("renewed_by_order_id", Renewal::renewedByOrderId));

  static final Map<String, String> WINDOWS = windows();

  private static Map<String, String> windows() {
    Map<String, String> w = new LinkedHashMap<>();
    w.put("P30D", "30 days");
    w.put("P60D", "60 days");
    w.put("P90D", "90 days");
    return w;
  }

  /** The filter bar of the console page. */
  static final List<FilterField> FIELDS = List.of(
      FilterField.search("Buyer account, agreement, product or order ID, owner", 4),
      FilterField.choice("status", "Renewal status", RenewalStatus.class, 2),
      FilterField.text("owner", "Owner", "email", 2),
      FilterField.choice("within", "Ends within", "120 days", WINDOWS, 2));
}
