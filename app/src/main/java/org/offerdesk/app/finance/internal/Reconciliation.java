package org.offerdesk.app.finance.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.offerdesk.app.orders.OrderDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the feed rows into the ledger: links each agreement of the rows to its order once the order exists
 * (an associate or import later links it by itself at the next run), recomputes invoices and payouts, and
 * opens and closes exceptions, in one transaction. Runs after every sync (skipping the recompute when
 * nothing changed) and after a link by hand.
 */
@Service
class Reconciliation {

  private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

  /**
   * Invoices changed by one recompute from which the table's planner statistics are refreshed, in the same
   * transaction (ANALYZE counts the transaction's own rows), before the exceptions and the news read them: a first
   * sync fills an empty table, and with its empty-table statistics each of the news' pages of 2,000 invoices by ID
   * read every invoice of the organization (bench P4 at 1M rows, 190,050 invoices: 96 pages, 67 s).
   */
  static final int ANALYZE_AFTER_CHANGED_INVOICES = 10_000;

  private final LedgerStore ledger;
  private final ExceptionStore exceptions;
  private final OrderDirectory orders;
  private final FinanceNews news;
  private final TransactionTemplate tx;
  private final FeedRowStore feedRows;
  private final Clock clock;
  private final Map<UUID, LedgerState> reconciled = new ConcurrentHashMap<>();

  Reconciliation(LedgerStore ledger, ExceptionStore exceptions, OrderDirectory orders, FinanceNews news,
      TransactionTemplate tx, FeedRowStore feedRows, Clock clock) {
    this.feedRows = feedRows;
    this.ledger = ledger;
    this.exceptions = exceptions;
    this.orders = orders;
    this.news = news;
    this.tx = tx;
    this.clock = clock;
  }

  /** Links what it can and recomputes the whole ledger. */
  void reconcile(UUID organizationId) {
    reconcile(organizationId, true);
  }

  /**
   * After a sync: links agreements that found their order, and recomputes the ledger only when something it
   * derives from changed since this instance last did: rows read from the feeds (by any run or instance:
   * counted on the feed files in the rows' transactions), new links, or the day (invoices fall overdue by
   * date). An hourly sync that read nothing new no longer recomputes a month of rows.
   */
  void reconcileAfterSync(UUID organizationId) {
    reconcile(organizationId, false);
  }

  private void reconcile(UUID organizationId, boolean always) {
    Instant now = clock.instant();
    LedgerState state = new LedgerState(LocalDate.ofInstant(now, ZoneOffset.UTC), feedRows.rowsRead(organizationId));
    tx.executeWithoutResult(s -> {
      ledger.useReconcileMemory();
      Map<String, Long> unlinked = ledger.unlinkedAgreements(organizationId);
      int linked = unlinked.isEmpty() ? 0 : ledger.linkAll(organizationId,
          orders.orderIdsByAgreement(organizationId, unlinked.keySet()), "agreement", now);
      if (!always && linked == 0 && state.equals(reconciled.get(organizationId))) {
        return;
      }
      long started = System.nanoTime();
      boolean hasInvoices = ledger.hasInvoices(organizationId);
      int[] changed = ledger.recompute(organizationId, LocalDate.ofInstant(now, ZoneOffset.UTC), now, hasInvoices);
      if (changed[0] >= ANALYZE_AFTER_CHANGED_INVOICES) {
        ledger.analyzeInvoices();
      }
      long recomputed = System.nanoTime();
      List<ExceptionStore.FinanceException> opened = exceptions.open(organizationId, now, unlinked);
      exceptions.clear(organizationId, now, opened, unlinked);
      long examined = System.nanoTime();
      news.announce(organizationId, now, opened);
      log.info("Reconciled {}: {} agreements linked, {} invoices and {} payouts changed in {} ms, exceptions {} ms"
          + " ({} opened), news {} ms", organizationId, linked, changed[0], changed[1],
          (recomputed - started) / 1_000_000, (examined - recomputed) / 1_000_000, opened.size(),
          (System.nanoTime() - examined) / 1_000_000);
    });
    reconciled.put(organizationId, state);
  }

  /** What the ledger was last derived from: the day, and how many feed rows had been read. */
  private record LedgerState(LocalDate day, long rowsRead) {}
}
