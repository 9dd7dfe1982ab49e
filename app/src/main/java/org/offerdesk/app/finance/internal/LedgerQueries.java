package org.offerdesk.app.finance.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.Cursor;
import org.offerdesk.app.web.table.SortKey;
import org.offerdesk.app.web.table.TableParams;
import org.offerdesk.app.web.table.TableQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the ledger for the API and the pages: tables through the table toolkit, totals and charts in SQL. */
@Repository
class LedgerQueries {

  /** What the invoices table filters by; null means any. */
  record InvoiceFilter(UUID orderId, String agreementId, String status, String variant, String q) {

    /** The filter a table's parameters name; an {@code orderId} that is not one is refused. */
    static InvoiceFilter of(TableParams p) {
      String order = p.text("orderId");
      UUID orderId;
      try {
        orderId = order == null ? null : UUID.fromString(order);
      } catch (IllegalArgumentException e) {
        throw new InvalidInput("orderId", "must be an order ID");
      }
      return new InvoiceFilter(orderId, p.text("agreementId"), p.text("status"), p.text("variant"), p.text("q"));
    }
  }

  static final SortKey<InvoiceView> NEWEST_INVOICES = new SortKey<>("newest", "invoiced_on", SortKey.Type.DATE, true,
      i -> String.valueOf(i.invoicedOn()), "invoice_id", SortKey.Type.TEXT, InvoiceView::invoiceId);

  static final SortKey<PayoutView> NEWEST_PAYOUTS = new SortKey<>("newest", "paid_on", SortKey.Type.DATE, true,
      p -> String.valueOf(p.paidOn()), "payout_id", SortKey.Type.TEXT, PayoutView::payoutId);

  private final JdbcClient jdbc;

  LedgerQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  TableQuery<InvoiceView> invoices(UUID organizationId, InvoiceFilter f) {
    return TableQuery.of(jdbc, "finance_invoice", organizationId, InvoiceView::map)
        .equal("order_id", f.orderId())
        .equal("agreement_id", f.agreementId())
        .where(partialIndexed("status", "DISBURSED", f.status()), f.status())
        .where(partialIndexed("variant", "PURCHASE", f.variant()), f.variant())
        .search("invoice_id = :exact OR agreement_id = :exact OR payout_id = :exact", f.q());
  }

  /**
   * A filter on {@code column}, whose index (V178) leaves out the rows of {@code common}: for any other value the
   * condition names the excluded value too, so that a generic plan (the value bound) can use that partial index;
   * for {@code common} itself the rows are most of the table and are read along the date order.
   */
  private static String partialIndexed(String column, String common, String value) {
    return value == null || value.strip().equals(common) ? column + " = :value"
        : column + " = :value AND " + column + " <> '" + common + "'";
  }

  /** Payouts: filters {@code status}, {@code q} (payout ID, bank trace ID or reference). */
  TableQuery<PayoutView> payouts(UUID organizationId, TableParams p) {
    return TableQuery.of(jdbc, "finance_payout", organizationId, PayoutView::map)
        .equal("status", p.text("status"))
        .search("payout_id = :exact OR bank_trace_id = :exact OR reference = :exact", p.text("q"));
  }

  /** What a payout's lines' cursors call their order (invoice, type, billing row). */
  static final String LINES_ORDER = "lines";

  /** A payout with its first page of lines ({@link CursorPage#MAX_LIMIT}). */
  Optional<PayoutView> payout(UUID organizationId, String payoutId) {
    return payout(organizationId, payoutId, null, CursorPage.MAX_LIMIT);
  }

  /**
   * A payout with a page of its lines, those after {@code after} (a cursor this method handed out; null for the
   * first page): at most {@code limit}, read along {@code finance_billing_event_by_payout} in their order.
   */
  Optional<PayoutView> payout(UUID organizationId, String payoutId, Cursor after, int limit) {
    return jdbc.sql(PayoutView.SELECT + " WHERE organization_id = ? AND payout_id = ?").params(organizationId, payoutId)
        .query(PayoutView::map).optional().map(p -> {
          List<LinePosition> rows = lines(organizationId, payoutId, after == null ? null : LinePosition.of(after),
              limit + 1);
          List<PayoutView.Line> page = rows.stream().limit(limit).map(LinePosition::line).toList();
          return p.withLines(page, rows.size() > limit ? rows.get(limit - 1).cursor().encode() : null);
        });
  }

  /** A line with where it stands in the payout's order: a NULL invoice sorts after every invoice. */
  private record LinePosition(PayoutView.Line line, boolean noInvoice) {

    Cursor cursor() {
      return new Cursor(LINES_ORDER, noInvoice ? "N" : "I" + line.invoiceId(),
          line.type() + KEY_SEPARATOR + line.billingEventId());
    }

    static LinePosition of(Cursor c) {
      int at = c.key().indexOf(KEY_SEPARATOR);
      if (c.value().isEmpty() || at < 0) {
        throw new InvalidInput("cursor", "is not a cursor this list returned for this sort");
      }
      boolean none = c.value().charAt(0) == 'N';
      return new LinePosition(new PayoutView.Line(c.key().substring(at + 1), none ? null : c.value().substring(1),
          null, null, c.key().substring(0, at), null), none);
    }
  }

  private static final char KEY_SEPARATOR = '\u001e';

  private List<LinePosition> lines(UUID organizationId, String payoutId, LinePosition after, int limit) {
    String from = "";
    List<Object> params = new ArrayList<>(List.of(organizationId, payoutId));
    if (after != null && after.noInvoice()) {
      from = " AND m.invoice_id IS NULL AND (m.transaction_type, m.billing_event_id) > (?, ?)";
      params.addAll(List.of(after.line().type(), after.line().billingEventId()));
    } else if (after != null) {
      from = " AND ((m.invoice_id IS NULL), m.invoice_id, m.transaction_type, m.billing_event_id) > (false, ?, ?, ?)";
      params.addAll(List.of(after.line().invoiceId(), after.line().type(), after.line().billingEventId()));
    }
    // The limit is written into the statement (an int of ours, 2 to 201), not bound: with a bound limit the generic
    // plan PostgreSQL may keep for a server-prepared statement assumes a tenth of the payout's rows and can sort
    // them all (bench P4 --quick: 39 ms a call in the app against 4 ms for the same SQL with its limit written).
    return jdbc.sql("""
        SELECT m.billing_event_id, m.invoice_id, m.agreement_id, l.order_id, m.transaction_type, -m.amount
        FROM finance_billing_event m LEFT JOIN finance_agreement_order l
          ON l.organization_id = m.organization_id AND l.agreement_id = m.agreement_id
        WHERE m.organization_id = ? AND m.disbursement_billing_event_id = ? AND m.disbursement_billing_event_id IS NOT NULL
          AND m.action = 'DISBURSED' AND NOT m.deleted
          AND m.transaction_type NOT IN ('DISBURSEMENT', 'DISBURSEMENT_FAILURE')""" + from + """
        
        ORDER BY (m.invoice_id IS NULL), m.invoice_id, m.transaction_type, m.billing_event_id LIMIT""" + " " + limit)
        .params(params)
        .query((rs, row) -> new LinePosition(new PayoutView.Line(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getObject(4, UUID.class), rs.getString(5), InvoiceView.text(rs.getBigDecimal(6))),
            rs.getString(2) == null)).list();
  }

  /**
   * Totals per currency of invoices dated in [from, to], and what is outstanding now: from the ledger's sums per
   * day ({@code finance_invoice_day}, which leaves listing-fee invoices out), not from every invoice.
   */
  List<Map<String, Object>> totals(UUID organizationId, LocalDate from, LocalDate to) {
    return jdbc.sql("""
        SELECT currency, sum(invoices) AS invoices, sum(amount) FILTER (WHERE side = 'SELLING') AS invoiced,
          sum(listing_fee) AS fees, sum(refunded) AS refunds, sum(collected) FILTER (WHERE side = 'SELLING') AS collected,
          sum(disbursed) AS disbursed, -sum(amount) FILTER (WHERE side = 'BUYING') AS wholesale_cost,
          sum(CASE WHEN status IN ('INVOICED', 'OVERDUE') AND side = 'SELLING' THEN amount - refunded ELSE 0 END)
            AS outstanding,
          sum(CASE WHEN status = 'OVERDUE' THEN amount ELSE 0 END) AS overdue
        FROM finance_invoice_day WHERE organization_id = ? AND invoiced_on BETWEEN ? AND ?
        GROUP BY currency ORDER BY currency""").params(organizationId, from, to).query().listOfRows();
  }

  /** Monthly invoiced, collected and disbursed amounts per currency, from {@code from} (the sums per day). */
  List<Map<String, Object>> monthly(UUID organizationId, LocalDate from) {
    return jdbc.sql("""
        SELECT to_char(invoiced_on, 'YYYY-MM') AS month, currency, sum(amount) AS invoiced,
          sum(collected) AS collected, sum(disbursed) AS disbursed
        FROM finance_invoice_day WHERE organization_id = ? AND invoiced_on >= ? AND side = 'SELLING'
        GROUP BY 1, 2 ORDER BY 1, 2""").params(organizationId, from).query().listOfRows();
  }

  /** Overdue amounts per currency by age (days past due on {@code today}): <31, 31–60, 61–90, 91–120, >120. */
  List<Map<String, Object>> overdueByAge(UUID organizationId, LocalDate today) {
    return jdbc.sql("""
        SELECT currency, CASE WHEN ? - due_on < 31 THEN '<31' WHEN ? - due_on <= 60 THEN '31-60'
            WHEN ? - due_on <= 90 THEN '61-90' WHEN ? - due_on <= 120 THEN '91-120' ELSE '>120' END AS age,
          sum(amount - refunded) AS amount
        FROM finance_invoice WHERE organization_id = ? AND status = 'OVERDUE' AND side = 'SELLING'
        GROUP BY 1, 2 ORDER BY 1, 2""").params(today, today, today, today, organizationId).query().listOfRows();
  }

  /**
   * The order's ledger sums in its currency (an order has one): what it invoiced its buyer, and, for a
   * reseller, the wholesale cost it was invoiced; {@code net} is what the seller keeps.
   */
  Optional<Map<String, Object>> orderSums(UUID organizationId, UUID orderId) {
    return jdbc.sql("""
        SELECT currency, sum(amount) FILTER (WHERE side = 'SELLING') AS invoiced, sum(listing_fee) AS fees,
          sum(refunded) AS refunded, sum(collected) FILTER (WHERE side = 'SELLING') AS collected,
          sum(disbursed) AS disbursed, -sum(amount) FILTER (WHERE side = 'BUYING') AS wholesale_cost,
          sum(net) AS net,
          sum(CASE WHEN status IN ('INVOICED', 'OVERDUE') AND side = 'SELLING' THEN amount - refunded ELSE 0 END)
            AS outstanding
        FROM finance_invoice WHERE organization_id = ? AND order_id = ? AND variant <> 'LISTING_FEE'
        GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1""").params(organizationId, orderId).query().listOfRows()
        .stream().findFirst();
  }

  static BigDecimal amount(Map<String, Object> row, String column) {
    Object v = row.get(column);
    return v == null ? BigDecimal.ZERO : (BigDecimal) v;
  }
}
