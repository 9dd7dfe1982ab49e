package org.offerdesk.app.finance.internal;

import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sync's links of its agreements to their orders ({@link Reconciliation#linkFeedAgreements}), made on a thread of
 * their own from when the agreement feed is written ({@link #start}, {@link FeedSync}'s {@code agreementsRead}) while
 * the billing rows are read, then the news' emails readied there ({@link FinanceNews#prepare}: rendered cold on the
 * sync's thread, the first ones after a start were most of a first sync's news). {@link #await} waits for them:
 * called whether the read ended or failed, so that nothing of the run is left running. Links that fail are only
 * logged: the reconciliation makes them then, as it did before.
 */
final class LinksAhead {

  private static final Logger log = LoggerFactory.getLogger(LinksAhead.class);

  private final Reconciliation reconciliation;
  private final UUID organizationId;
  private ExecutorService thread;
  private Future<Integer> links;
  private long started;
  private volatile long took;

  LinksAhead(Reconciliation reconciliation, UUID organizationId) {
    this.reconciliation = reconciliation;
    this.organizationId = organizationId;
  }

  /** Starts the links (once; a second call does nothing). */
  void start() {
    if (thread != null) {
      return;
    }
    started = System.nanoTime();
    thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "finance-links-ahead");
      t.setDaemon(true);
      return t;
    });
    links = thread.submit(() -> {
      try {
        int linked = reconciliation.linkFeedAgreements(organizationId);
        took = System.nanoTime() - started;
        return linked;
      } finally {
        reconciliation.prepareNews();
      }
    });
    thread.shutdown();
  }

  /** Waits for the links; answers how many were made (0 when they were not started or failed). */
  int await() {
    if (links == null) {
      return 0;
    }
    try {
      int linked = links.get();
      log.info("Linked {} agreements of {} while reading, in {} ms (the read ended {} ms after they started)", linked,
          organizationId, took / 1_000_000, (System.nanoTime() - started) / 1_000_000);
      return linked;
    } catch (ExecutionException e) {
      log.warn("Linking the agreements of {} while reading failed; the reconciliation links them", organizationId,
          e.getCause());
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
