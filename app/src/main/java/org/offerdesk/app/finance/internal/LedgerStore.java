package org.offerdesk.app.finance.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Derives the ledger from the feed rows, set-based (a statement per step, whatever the number of rows):
 * invoices with their fee, refunds, collection, disbursement and status; payouts with their lines' total and
 * status; and the links of agreements to orders. Signs follow the feed: + is owed to the seller.
 */
@Repository
class LedgerStore {

  private static final Logger log = LoggerFactory.getLogger(LedgerStore.class);

  /**
   * Every invoice of the organization from its billing rows. A credit memo's refund rows count on the invoice
   * they refund (their parent's); rows of a failed payout do not count as disbursed. The expected listing fee
   * is AWS's private-offer rule on the agreement's value (tier by TCV, renewals 1.5%, +0.5% for the ISV of a
   * channel deal, none for the reseller); it is left empty where the feeds do not tell the agreement. A
   * reseller's wholesale invoice (charge side BUYING) is its cost, never overdue to it; a channel deal's invoices
   * name their resale authorization (the offer feed's opportunity_id).
   */
  private static final String INVOICES = """
      WITH memo AS (
        SELECT DISTINCT r.invoice_id AS memo_id, p.invoice_id AS original_id
        FROM finance_billing_event r JOIN finance_billing_event p
          ON p.organization_id = r.organization_id AND p.billing_event_id = r.parent_billing_event_id
        WHERE r.organization_id = :org AND r.action = 'INVOICED' AND r.transaction_type LIKE '%\\_REFUND'
          AND r.parent_billing_event_id IS NOT NULL AND p.invoice_id IS NOT NULL AND p.invoice_id <> r.invoice_id
      ), failed AS (
        SELECT DISTINCT parent_billing_event_id AS payout_id FROM finance_billing_event
        WHERE organization_id = :org AND transaction_type = 'DISBURSEMENT_FAILURE' AND NOT deleted
          AND parent_billing_event_id IS NOT NULL
      ), lines AS (
        SELECT coalesce(m.original_id, e.invoice_id) AS ledger_invoice, e.invoice_id, e.agreement_id, e.action,
          e.transaction_type, e.amount, e.currency, e.balance_impacting, e.invoice_date, e.payment_due_date,
          e.invoice_variant, e.charge_variant, e.charge_side, e.disbursement_billing_event_id,
          f.payout_id IS NOT NULL AS failed
        FROM finance_billing_event e
        LEFT JOIN memo m ON m.memo_id = e.invoice_id
        LEFT JOIN failed f ON f.payout_id = e.disbursement_billing_event_id
        WHERE e.organization_id = :org AND NOT e.deleted AND e.invoice_id IS NOT NULL
          AND e.transaction_type NOT IN ('DISBURSEMENT', 'DISBURSEMENT_FAILURE') /*half*/
      ), agg AS (
        SELECT ledger_invoice AS invoice_id, min(agreement_id) AS agreement_id,
          CASE WHEN bool_and(coalesce(charge_variant, '') = 'LISTING_FEE') THEN 'LISTING_FEE'
               WHEN bool_or(invoice_variant = 'RESALE') THEN 'RESALE' ELSE 'PURCHASE' END AS variant,
          min(invoice_date) FILTER (WHERE action = 'INVOICED' AND invoice_id = ledger_invoice) AS invoiced_at,
          max(payment_due_date) FILTER (WHERE invoice_id = ledger_invoice) AS due_at,
          min(currency) AS currency,
          coalesce(sum(amount) FILTER (WHERE action = 'INVOICED' AND transaction_type = 'SELLER_REV_SHARE'), 0) AS amount,
          coalesce(-sum(amount) FILTER (WHERE action = 'INVOICED' AND transaction_type = 'AWS_REV_SHARE'), 0) AS fee,
          coalesce(-sum(amount) FILTER (WHERE action = 'INVOICED'
            AND transaction_type = 'SELLER_REV_SHARE_REFUND'), 0) AS refunded,
          coalesce(sum(amount) FILTER (WHERE action = 'INVOICED' AND balance_impacting), 0) AS net,
          coalesce(sum(amount) FILTER (WHERE action = 'COLLECTED'), 0) AS collected,
          coalesce(-sum(amount) FILTER (WHERE action = 'DISBURSED' AND NOT failed), 0) AS disbursed,
          coalesce(bool_or(action = 'DISBURSED' AND failed), false) AS any_failed,
          max(disbursement_billing_event_id) FILTER (WHERE action = 'DISBURSED' AND NOT failed) AS payout_id,
          coalesce(bool_or(charge_side = 'BUYING'), false) AS buying
        FROM lines GROUP BY ledger_invoice
      )
      INSERT INTO finance_invoice AS i (organization_id, invoice_id, agreement_id, order_id, variant, invoiced_on,
        due_on, currency, amount, listing_fee, expected_listing_fee, refunded, net, collected, disbursed, payout_id,
        status, side, resale_authorization_id, updated_at)
      SELECT :org, a.invoice_id, a.agreement_id, l.order_id, a.variant,
        (a.invoiced_at AT TIME ZONE 'UTC')::date, (a.due_at AT TIME ZONE 'UTC')::date, a.currency,
        round(a.amount, 2), round(a.fee, 2),
        CASE WHEN a.variant = 'LISTING_FEE' OR a.buying OR a.amount <= 0 OR ag.agreement_id IS NULL THEN NULL
             WHEN a.variant = 'PURCHASE' AND o.opportunity_id IS NOT NULL THEN 0
             ELSE round(a.amount * (CASE WHEN ag.intent = 'RENEW' THEN 0.015
               WHEN coalesce(ag.estimated_agreement_value, 0) < 1000000 THEN 0.03
               WHEN ag.estimated_agreement_value < 10000000 THEN 0.02 ELSE 0.015 END
               + CASE WHEN a.variant = 'RESALE' THEN 0.005 ELSE 0 END), 2) END,
        round(a.refunded, 2), round(a.net, 2), round(a.collected, 2), round(a.disbursed, 2), a.payout_id,
        CASE WHEN a.refunded > 0 AND a.refunded >= a.amount THEN 'REFUNDED'
             WHEN a.disbursed <> 0 AND a.disbursed >= a.net THEN 'DISBURSED'
             WHEN a.disbursed > 0 THEN 'PARTIALLY_DISBURSED'
             WHEN a.any_failed THEN 'DISBURSEMENT_FAILED'
             WHEN a.collected <> 0 THEN 'COLLECTED'
             WHEN (a.due_at AT TIME ZONE 'UTC')::date < :today AND NOT a.buying THEN 'OVERDUE'
             ELSE 'INVOICED' END,
        CASE WHEN a.buying THEN 'BUYING' ELSE 'SELLING' END, o.opportunity_id,
        :now
      FROM agg a
      LEFT JOIN finance_agreement_order l ON l.organization_id = :org AND l.agreement_id = a.agreement_id
      LEFT JOIN finance_agreement ag ON ag.organization_id = :org AND ag.agreement_id = a.agreement_id AND NOT ag.deleted
      LEFT JOIN finance_offer o ON o.organization_id = :org AND o.offer_id = ag.offer_id AND NOT o.deleted
      """;

  /**
   * How {@link #INVOICES} writes over the invoices already in the ledger: only those whose figures changed. Left
   * out when the ledger has none (the first reconciliation): a plain insert is a third cheaper than an insert
   * that checks each row for a conflict (the P4 month's billing rows, 40,000 inserted each way: 4.2 against
   * 6.5 s, load ~40); a concurrent first reconciliation of the same organization then fails on the primary key
   * and is retried, finding the ledger no longer empty.
   */
  private static final String INVOICES_CHANGED = """
      ON CONFLICT (organization_id, invoice_id) DO UPDATE SET agreement_id = EXCLUDED.agreement_id,
        order_id = EXCLUDED.order_id, variant = EXCLUDED.variant, invoiced_on = EXCLUDED.invoiced_on,
        due_on = EXCLUDED.due_on, currency = EXCLUDED.currency, amount = EXCLUDED.amount,
        listing_fee = EXCLUDED.listing_fee, expected_listing_fee = EXCLUDED.expected_listing_fee,
        refunded = EXCLUDED.refunded, net = EXCLUDED.net, collected = EXCLUDED.collected,
        disbursed = EXCLUDED.disbursed, payout_id = EXCLUDED.payout_id, status = EXCLUDED.status,
        side = EXCLUDED.side, resale_authorization_id = EXCLUDED.resale_authorization_id,
        updated_at = EXCLUDED.updated_at
      WHERE (i.order_id, i.status, i.net, i.collected, i.disbursed, i.refunded, i.listing_fee, i.payout_id,
          i.expected_listing_fee, i.side, i.resale_authorization_id)
        IS DISTINCT FROM (EXCLUDED.order_id, EXCLUDED.status, EXCLUDED.net, EXCLUDED.collected, EXCLUDED.disbursed,
          EXCLUDED.refunded, EXCLUDED.listing_fee, EXCLUDED.payout_id, EXCLUDED.expected_listing_fee, EXCLUDED.side,
          EXCLUDED.resale_authorization_id)
      """;

  /**
   * Every payout (DISBURSEMENT row) with the lines that point to it: RECONCILED when each line's agreement is
   * linked to an order and the lines add up to the payout to the cent, FAILED when a DISBURSEMENT_FAILURE
   * undid it, else UNMATCHED. The lines of every payout are summed in one pass, their links joined by hash (a
   * payout's lines read by index with a probe of the link per line cost ten times the server CPU at a month's
   * size: bench/README.md, branch p4y).
   */
  private static final String PAYOUTS = """
      WITH lines AS (
        SELECT m.disbursement_billing_event_id AS payout_id, -sum(m.amount) AS total, count(*) AS lines,
          count(*) FILTER (WHERE o.agreement_id IS NULL) AS unlinked
        FROM finance_billing_event m
        LEFT JOIN finance_agreement_order o ON o.organization_id = :org AND o.agreement_id = m.agreement_id
        WHERE m.organization_id = :org AND m.disbursement_billing_event_id IS NOT NULL
          AND m.action = 'DISBURSED' AND NOT m.deleted
          AND m.transaction_type NOT IN ('DISBURSEMENT', 'DISBURSEMENT_FAILURE')
        GROUP BY m.disbursement_billing_event_id
      )
      INSERT INTO finance_payout AS t (organization_id, payout_id, paid_on, currency, amount, lines_total, line_count,
        unlinked_lines, bank_trace_id, reference, status, updated_at)
      SELECT :org, p.billing_event_id, (coalesce(p.invoice_date, p.action_date) AT TIME ZONE 'UTC')::date, p.currency,
        round(p.amount, 2), round(coalesce(l.total, 0), 2), coalesce(l.lines, 0), coalesce(l.unlinked, 0),
        p.bank_trace_id, p.disbursement_reference_number,
        CASE WHEN EXISTS (SELECT 1 FROM finance_billing_event x WHERE x.organization_id = :org
               AND x.transaction_type = 'DISBURSEMENT_FAILURE' AND x.parent_billing_event_id = p.billing_event_id
               AND x.parent_billing_event_id IS NOT NULL
               AND NOT x.deleted) THEN 'FAILED'
             WHEN coalesce(l.lines, 0) > 0 AND l.unlinked = 0 AND round(p.amount, 2) = round(l.total, 2)
               THEN 'RECONCILED'
             ELSE 'UNMATCHED' END,
        :now
      FROM finance_billing_event p
      LEFT JOIN lines l ON l.payout_id = p.billing_event_id
      WHERE p.organization_id = :org AND p.transaction_type = 'DISBURSEMENT' AND NOT p.deleted
      ON CONFLICT (organization_id, payout_id) DO UPDATE SET paid_on = EXCLUDED.paid_on, currency = EXCLUDED.currency,
        amount = EXCLUDED.amount, lines_total = EXCLUDED.lines_total, line_count = EXCLUDED.line_count,
        unlinked_lines = EXCLUDED.unlinked_lines, bank_trace_id = EXCLUDED.bank_trace_id,
        reference = EXCLUDED.reference, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
      WHERE (t.status, t.lines_total, t.line_count, t.unlinked_lines, t.amount)
        IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.lines_total, EXCLUDED.line_count, EXCLUDED.unlinked_lines,
          EXCLUDED.amount)
      """;

  /**
   * The finance page's sums per day, currency, side and status (see V101), rebuilt from the organization's
   * invoices after a recompute changed any: the totals of a period and the monthly chart read these.
   */
  private static final String DAYS = """
      INSERT INTO finance_invoice_day (organization_id, invoiced_on, currency, side, status, invoices, amount,
        listing_fee, refunded, collected, disbursed)
      SELECT organization_id, invoiced_on, currency, side, status, count(*), sum(amount), sum(listing_fee),
        sum(refunded), sum(collected), sum(disbursed)
      FROM finance_invoice WHERE organization_id = :org AND variant <> 'LISTING_FEE' AND invoiced_on IS NOT NULL
      GROUP BY organization_id, invoiced_on, currency, side, status
      """;

  /** The reconciliation's memory for its sorts and hashes ({@link #useReconcileMemory}). */
  static final String RECOMPUTE_WORK_MEM = "256MB";

  private final JdbcClient jdbc;

  LedgerStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Agreements named by billing rows that no order is linked to yet, with how many rows name each: those that find
   * no order are the {@code UNKNOWN_AGREEMENT} exceptions' subjects ({@link ExceptionStore#open}), which then need
   * no scan of every billing row of their own.
   */
  Map<String, Long> unlinkedAgreements(UUID organizationId) {
    Map<String, Long> rows = new java.util.LinkedHashMap<>();
    jdbc.sql("""
        SELECT e.agreement_id, count(*) FROM finance_billing_event e
        WHERE e.organization_id = ? AND e.agreement_id IS NOT NULL AND NOT e.deleted
          AND NOT EXISTS (SELECT 1 FROM finance_agreement_order l
            WHERE l.organization_id = e.organization_id AND l.agreement_id = e.agreement_id)
        GROUP BY e.agreement_id ORDER BY e.agreement_id""").param(organizationId)
        .query(rs -> {
          rows.put(rs.getString(1), rs.getLong(2));
        });
    return rows;
  }

  /**
   * Agreements of the agreement feed that no order is linked to yet: those a sync links while it reads the billing
   * rows ({@link Reconciliation#linkFeedAgreements}).
   */
  List<String> unlinkedFeedAgreements(UUID organizationId) {
    return jdbc.sql("""
        SELECT a.agreement_id FROM finance_agreement a WHERE a.organization_id = ?
          AND NOT EXISTS (SELECT 1 FROM finance_agreement_order l
            WHERE l.organization_id = a.organization_id AND l.agreement_id = a.agreement_id)""").param(organizationId)
        .query(String.class).list();
  }

  void link(UUID organizationId, String agreementId, UUID orderId, String by, Instant at) {
    jdbc.sql("""
        INSERT INTO finance_agreement_order (organization_id, agreement_id, order_id, linked_by, linked_at)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT (organization_id, agreement_id) DO NOTHING""")
        .params(organizationId, agreementId, orderId, by, Timestamp.from(at)).update();
  }

  /** Links many agreements to their orders in one statement; answers how many were linked. */
  int linkAll(UUID organizationId, Map<String, UUID> orderByAgreement, String by, Instant at) {
    if (orderByAgreement.isEmpty()) {
      return 0;
    }
    String[] agreements = new String[orderByAgreement.size()];
    UUID[] orders = new UUID[agreements.length];
    int i = 0;
    for (Map.Entry<String, UUID> e : orderByAgreement.entrySet()) {
      agreements[i] = e.getKey();
      orders[i++] = e.getValue();
    }
    return jdbc.sql("""
        INSERT INTO finance_agreement_order (organization_id, agreement_id, order_id, linked_by, linked_at)
        SELECT ?, a, o, ?, ? FROM unnest(CAST(? AS text[]), CAST(? AS uuid[])) AS l(a, o)
        ON CONFLICT (organization_id, agreement_id) DO NOTHING""")
        .params(organizationId, by, Timestamp.from(at), agreements, orders).update();
  }

  /** Whether the organization's ledger has an invoice (false before its first reconciliation with billing rows). */
  boolean hasInvoices(UUID organizationId) {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM finance_invoice WHERE organization_id = ?)").param(organizationId)
        .query(Boolean.class).single();
  }

  /** Refreshes the invoices' planner statistics (after a recompute that changed many, in its transaction). */
  /**
   * The reconciliation's memory for its sorts and hashes, for the rest of the transaction only: the unlinked
   * agreements' grouping (~95,000 agreements of a month's 1M rows) and the invoices' aggregate of every billing row
   * by invoice (a hash of ~200,000 invoices at 1M rows) in memory rather than spilled to temporary files (4 MB by
   * default). Set once, first, by {@link Reconciliation}.
   */
  void useReconcileMemory() {
    jdbc.sql("SET LOCAL work_mem = '" + RECOMPUTE_WORK_MEM + "'").update();
  }

  void analyzeLinks() {
    jdbc.sql("ANALYZE finance_agreement_order").update();
  }

  void analyzeInvoices() {
    jdbc.sql("ANALYZE finance_invoice").update();
  }

  /**
   * Recomputes invoices and payouts; answers how many of each changed. {@code hasInvoices}: whether the ledger
   * had any ({@link #hasInvoices}, read in the same transaction). {@code otherHalf}: null, or the first
   * reconciliation's other half of the invoices ({@link #firstInvoicesHalf}, half 1) being written on another
   * connection: this transaction then writes half 0 and the payouts, and waits for the other half (answering how
   * many it wrote) before the invoices' days are summed.
   */
  int[] recompute(UUID organizationId, LocalDate today, Instant now, boolean hasInvoices,
      IntSupplier otherHalf) {
    MapSqlParameterSource p = params(organizationId, today, now);
    int invoices = otherHalf != null ? firstInvoicesHalf(organizationId, today, now, 0)
        : jdbc.sql(hasInvoices ? INVOICES + INVOICES_CHANGED : INVOICES).paramSource(p).update();
    long halfWritten = System.nanoTime();
    int payouts = jdbc.sql(PAYOUTS).paramSource(p).update();
    long payoutsWritten = System.nanoTime();
    if (otherHalf != null) {
      invoices += otherHalf.getAsInt();
    }
    long otherWritten = System.nanoTime();
    if (invoices > 0) {
      jdbc.sql("DELETE FROM finance_invoice_day WHERE organization_id = :org").paramSource(p).update();
      jdbc.sql(DAYS).paramSource(p).update();
    }
    if (otherHalf != null) {
      // the wait for half 1 is this connection's idle time: whether the halves divide the work evenly
      log.info("First invoices of {}: after half 0, payouts {} ms, then waited {} ms for half 1, days {} ms",
          organizationId, (payoutsWritten - halfWritten) / 1_000_000, (otherWritten - payoutsWritten) / 1_000_000,
          (System.nanoTime() - otherWritten) / 1_000_000);
    }
    return new int[] {invoices, payouts};
  }

  /**
   * Where the halves of {@link #firstInvoicesHalf} divide the hash's range: half 0 (below) about 46% of the invoices,
   * half 1 the rest. Half 0 is written by the transaction that then also writes the payouts, while half 1 is written
   * on the other connection, so half 0 is the smaller. At 41% (from the bench's month at 204,548 rows, where the
   * payouts weighed more: 1.21 server CPU s for half 0 and the payouts against 0.88 for half 1 at 50%), the P4 month
   * at 1,021,708 rows had half 0 written in 4.3–4.4 s and the payouts in 0.5 s, then the first connection waited
   * 0.7–1.2 s for half 1 with its core idle (bench/README.md, "P4 first sync, thirteenth pass"). Each half scans
   * every billing row, so its time is not its share: by those times ~1.1 s plus ~0.08 s a percent of the invoices,
   * and the payouts ~0.55 s, which even out at 46–47%. At 46% the wait was 0–1.0 s, none in three of seven syncs.
   */
  static final int FIRST_HALF_BELOW = -170_000_000;

  /**
   * Half ({@code half} 0 or 1, by a hash of the ledger's invoice ID below or above {@link #FIRST_HALF_BELOW}) of an
   * organization's first invoices, inserted as {@link #INVOICES} inserts them all: a first reconciliation of a large
   * month writes its two halves on two connections at once ({@link Reconciliation}), each maintaining the table's
   * indexes for its own rows. Only for a ledger without invoices (a plain insert); the links it reads must be
   * committed. The halves are split by a range
   * of the hash (which the planner estimates as a third of the rows) rather than by its parity (an equality, estimated
   * as one row in 200): with a half of 204,548 billing rows estimated at 1,023 invoices, the plan joined the
   * agreements and offers (estimated at 25 rows each from their empty tables' statistics, 20,000 in fact) by a nested
   * loop, and a bench run's half took 51 s (24 server CPU s); the range's plan is the one statement's hash joins.
   */
  int firstInvoicesHalf(UUID organizationId, LocalDate today, Instant now, int half) {
    long started = System.nanoTime();
    int written = jdbc.sql(INVOICES.replace("/*half*/", "AND hashtext(coalesce(m.original_id, e.invoice_id)) "
            + (half == 0 ? "< " : ">= ") + FIRST_HALF_BELOW))
        .paramSource(params(organizationId, today, now)).update();
    // with recompute's line, whether the halves divide the work evenly (FIRST_HALF_BELOW)
    log.info("First invoices of {}: half {} in {} ms", organizationId, half, (System.nanoTime() - started) / 1_000_000);
    return written;
  }

  private static MapSqlParameterSource params(UUID organizationId, LocalDate today, Instant now) {
    return new MapSqlParameterSource().addValue("org", organizationId).addValue("today", today)
        .addValue("now", Timestamp.from(now));
  }
}
