package org.offerdesk.app.finance.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.jobs.Job;
import org.offerdesk.app.jobs.JobKind;
import org.offerdesk.app.jobs.Jobs;
import org.offerdesk.app.jobs.KindedJobHandler;
import org.offerdesk.app.marketplace.ConnectedOrganizationsWork;
import org.offerdesk.app.marketplace.Marketplace;
import org.offerdesk.app.marketplace.MarketplaceDataFeeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs feed syncs: every organization with a data feed bucket on a schedule (default hourly), and on
 * request ({@code POST /api/v1/finance/sync}). A run reads the feeds ({@link FeedSync}), then reconciles.
 * A run that fails is retried by the job queue and resumes where its last committed batch ended. Bank
 * deposits uploaded before their payout was read are matched again after each run.
 */
@Component
class FinanceSyncs extends ConnectedOrganizationsWork {

  private static final Logger log = LoggerFactory.getLogger(FinanceSyncs.class);

  static final String SCHEDULED = "finance.feed-sync";
  static final String REQUESTED = "finance.feed-sync-request";

  /**
   * New billing rows in one sync from which the table's planner statistics are refreshed before reconciling:
   * a first read of a month can be most of the table, and autovacuum's analyze runs on its own schedule, so the
   * ledger's joins may be planned for a table that was (nearly) empty. In one P4 warm-up (51,000 rows into an
   * empty, freshly analyzed table) the invoice recompute took 30 s where it takes 2–3 s; an ANALYZE samples a
   * fixed number of rows, a fraction of a second at any size.
   */
  static final long ANALYZE_AFTER_NEW_ROWS = 10_000;

  private final MarketplaceDataFeeds feeds;
  private final FeedSync sync;
  private final FeedRowStore rows;
  private final Reconciliation reconciliation;
  private final BankStatements statements;
  private final SyncStore syncs;
  private final Jobs jobs;
  private final TransactionTemplate tx;
  private final Clock clock;

  FinanceSyncs(Marketplace marketplace, MarketplaceDataFeeds feeds, FeedSync sync, FeedRowStore rows,
      Reconciliation reconciliation,
      BankStatements statements, SyncStore syncs, Jobs jobs, TransactionTemplate tx, Clock clock,
      @Value("${offerdesk.finance.sync-interval:PT1H}") Duration interval) {
    super(marketplace, SCHEDULED, interval, 3);
    this.feeds = feeds;
    this.sync = sync;
    this.rows = rows;
    this.reconciliation = reconciliation;
    this.statements = statements;
    this.syncs = syncs;
    this.jobs = jobs;
    this.tx = tx;
    this.clock = clock;
  }

  /** Only organizations that said where their feeds are. */
  @Override
  public Collection<UUID> organizations() {
    return super.organizations().stream().filter(org -> feeds.bucket(org).isPresent()).toList();
  }

  /** A scheduled run. */
  @Override
  @Transactional(propagation = Propagation.NOT_SUPPORTED)
  public void handle(Job job) {
    UUID id = UUID.randomUUID();
    tx.executeWithoutResult(s -> syncs.create(job.organizationId(), id, "SCHEDULE", clock.instant()));
    run(job.organizationId(), id);
  }

  /** Asks for a sync now; answers its ID. 409 without a data feed bucket. */
  UUID request(UUID organizationId) {
    if (feeds.bucket(organizationId).isEmpty()) {
      throw new Conflict("No data feed bucket is configured: set it in Settings → Marketplace");
    }
    UUID id = UUID.randomUUID();
    tx.executeWithoutResult(s -> {
      syncs.create(organizationId, id, "REQUEST", clock.instant());
      jobs.scheduleNow(REQUESTED, organizationId, Map.of("syncId", id.toString()), "finance-sync:" + id);
    });
    return id;
  }

  /** Reads and reconciles; the sync records how it ended. A failure is thrown on, for the job's retry. */
  void run(UUID organizationId, UUID syncId) {
    tx.executeWithoutResult(s -> syncs.started(organizationId, syncId, clock.instant()));
    try {
      long started = System.nanoTime();
      LinksAhead linksAhead = new LinksAhead(reconciliation, organizationId);
      int linked;
      try {
        sync.readAll(organizationId, syncId, linksAhead::start);
      } finally {
        linked = linksAhead.await();
      }
      long read = System.nanoTime();
      long rowsNew = syncs.find(organizationId, syncId).map(SyncStore.Sync::rowsNew).orElse(0L);
      if (rowsNew >= ANALYZE_AFTER_NEW_ROWS) {
        rows.analyze();
      }
      long analyzed = System.nanoTime();
      reconciliation.reconcileAfterSync(organizationId);
      long reconciled = System.nanoTime();
      // deposits uploaded before the feed brought their payouts match now
      statements.rematch(organizationId);
      tx.executeWithoutResult(s -> syncs.finished(organizationId, syncId, null, clock.instant()));
      log.info("Finance sync {}: {} new rows read in {} ms ({} agreements linked meanwhile), analyze {} ms,"
          + " reconciliation {} ms, bank rematch {} ms", syncId, rowsNew, (read - started) / 1_000_000, linked,
          (analyzed - read) / 1_000_000,
          (reconciled - analyzed) / 1_000_000, (System.nanoTime() - reconciled) / 1_000_000);
    } catch (RuntimeException e) {
      tx.executeWithoutResult(s -> syncs.finished(organizationId, syncId, String.valueOf(e.getMessage()),
          clock.instant()));
      throw e;
    }
  }

  /** The job of a requested sync. */
  @Component
  static class Requested extends KindedJobHandler {

    private final FinanceSyncs syncs;

    Requested(FinanceSyncs syncs) {
      super(JobKind.callingOut(REQUESTED, 3));
      this.syncs = syncs;
    }

    @Override
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void handle(Job job) {
      syncs.run(job.organizationId(), UUID.fromString(job.payload().path("syncId").asText()));
    }
  }
}
