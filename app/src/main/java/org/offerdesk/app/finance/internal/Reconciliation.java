package org.offerdesk.app.finance.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.offerdesk.app.orders.OrderDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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

  /**
   * Feed rows read from which an organization's first reconciliation (no invoice yet) writes its invoices in two
   * halves on two connections at once (each half's statement reads every billing row and inserts its invoices with
   * their index entries, a single backend's work of about 10 CPU seconds at a million rows: bench/README.md, branch
   * p4w). The halves are two transactions: the other half commits before this one, so for that moment a reader sees
   * half of a first month's invoices, and a reconciliation that fails after it leaves them in the ledger, where the
   * next one (finding invoices) writes over them as any recompute does.
   */
  static final long SPLIT_FIRST_RECOMPUTE_ROWS = 100_000;

  private final LedgerStore ledger;
  private final ExceptionStore exceptions;
  private final OrderDirectory orders;
  private final FinanceNews news;
  private final TransactionTemplate tx;
  private final FeedRowStore feedRows;
  private final Clock clock;
  private final Map<UUID, LedgerState> reconciled = new ConcurrentHashMap<>();
  /** {@link #SPLIT_FIRST_RECOMPUTE_ROWS}; tests lower it. */
  long splitFrom = SPLIT_FIRST_RECOMPUTE_ROWS;

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
    if (state.rowsRead() >= splitFrom && !TransactionSynchronizationManager.isActualTransactionActive()
        && !ledger.hasInvoices(organizationId)) {
      // a large first reconciliation: the links committed first, as the other connection's half reads them (so never
      // inside a caller's transaction, whose links and rows the other connection would not see)
      Links links = tx.execute(s -> {
        ledger.useReconcileMemory();
        return link(organizationId, now);
      });
      if (links.linked() >= ANALYZE_AFTER_CHANGED_INVOICES) {
        ledger.analyzeLinks(); // committed: the halves' joins to them planned for their rows, not an empty table
      }
      tx.executeWithoutResult(s -> {
        ledger.useReconcileMemory();
        derive(organizationId, now, links, always, state, true);
      });
    } else {
      tx.executeWithoutResult(s -> {
        ledger.useReconcileMemory();
        derive(organizationId, now, link(organizationId, now), always, state, false);
      });
    }
    reconciled.put(organizationId, state);
  }

  /**
   * Links the agreements of the agreement feed that have an order, in a transaction of its own, and answers how many:
   * what {@link #reconcile} would link for those of them that billing rows name, made while a sync still reads the
   * billing rows ({@link FeedSync}: the agreement feed is read first) rather than in the serial step between the read
   * and the invoices (the unlinked agreements' scan of every billing row, grouped by agreement, the orders' lookup and
   * the insert: ~1 core for 1–3 s a month of 1M rows, bench/README.md). An agreement no billing row names gets its link
   * too, which nothing reads (every reader of the links joins them from billing rows). The reconciliation that follows
   * still links what is left (agreements only billing rows name, orders made since) and opens the exceptions; as it
   * may find nothing left to link, the ledger is recomputed next time whatever was last derived.
   */
  int linkFeedAgreements(UUID organizationId) {
    Instant now = clock.instant();
    int linked = tx.execute(s -> {
      ledger.useReconcileMemory();
      return linkToTheirOrders(organizationId, ledger.unlinkedFeedAgreements(organizationId), now);
    });
    if (linked > 0) {
      reconciled.remove(organizationId);
      if (linked >= ANALYZE_AFTER_CHANGED_INVOICES) {
        ledger.analyzeLinks();
      }
    }
    return linked;
  }

  /** Readies the news' emails ({@link FinanceNews#prepare}); failures are left to the news, which reports them. */
  void prepareNews() {
    try {
      news.prepare();
    } catch (RuntimeException e) {
      log.debug("Readying the finance news' emails failed", e);
    }
  }

  /**
   * The agreements of billing rows without an order link, and how many of them were linked now. {@link #link} and
   * {@link #derive} run in transactions that use the reconciliation's memory ({@code useReconcileMemory}, once each).
   */
  private record Links(Map<String, Long> unlinked, int linked) {}

  private Links link(UUID organizationId, Instant now) {
    Map<String, Long> unlinked = ledger.unlinkedAgreements(organizationId);
    return new Links(unlinked, linkToTheirOrders(organizationId, unlinked.keySet(), now));
  }

  /** Links each of these agreements that has an order to it; answers how many were linked. */
  private int linkToTheirOrders(UUID organizationId, Collection<String> agreements, Instant now) {
    return agreements.isEmpty() ? 0
        : ledger.linkAll(organizationId, orders.orderIdsByAgreement(organizationId, agreements), "agreement", now);
  }

  /**
   * Recomputes the ledger (unless nothing it derives from changed), then its exceptions and news, in the caller's
   * transaction. {@code split}: when the ledger has no invoice yet, half of them are written on another connection at
   * once ({@link #otherHalf}).
   */
  private void derive(UUID organizationId, Instant now, Links links, boolean always, LedgerState state,
      boolean split) {
    if (!always && links.linked() == 0 && state.equals(reconciled.get(organizationId))) {
      return;
    }
    long started = System.nanoTime();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    boolean hasInvoices = ledger.hasInvoices(organizationId);
    int[] changed;
    if (split && !hasInvoices) {
      ExecutorService other = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-other-half");
        t.setDaemon(true);
        return t;
      });
      try {
        Future<Integer> half = other.submit(() -> tx.execute(s -> {
          ledger.useReconcileMemory();
          return ledger.firstInvoicesHalf(organizationId, today, now, 1);
        }));
        changed = ledger.recompute(organizationId, today, now, false, () -> otherHalf(half));
      } finally {
        other.shutdown();
        awaitQuietly(other);
      }
    } else {
      changed = ledger.recompute(organizationId, today, now, hasInvoices, null);
    }
    if (changed[0] >= ANALYZE_AFTER_CHANGED_INVOICES) {
      ledger.analyzeInvoices();
    }
    long recomputed = System.nanoTime();
    List<ExceptionStore.FinanceException> opened = exceptions.open(organizationId, now, links.unlinked());
    exceptions.clear(organizationId, now, opened, links.unlinked());
    long examined = System.nanoTime();
    news.announce(organizationId, now, opened);
    log.info("Reconciled {}: {} agreements linked, {} invoices and {} payouts changed in {} ms{}, exceptions {} ms"
        + " ({} opened), news {} ms", organizationId, links.linked(), changed[0], changed[1],
        (recomputed - started) / 1_000_000, split && !hasInvoices ? " (invoices in two halves)" : "",
        (examined - recomputed) / 1_000_000, opened.size(), (System.nanoTime() - examined) / 1_000_000);
  }

  /** The other half's invoice count once committed; its failure fails this reconciliation. */
  private static int otherHalf(Future<Integer> half) {
    try {
      return half.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the other half of the invoices was written", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** Waits for the other half's thread to end (a reconciliation that failed first leaves it nothing running). */
  private static void awaitQuietly(ExecutorService other) {
    try {
      other.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the ledger was last derived from: the day, and how many feed rows had been read. */
  private record LedgerState(LocalDate day, long rowsRead) {}
}
