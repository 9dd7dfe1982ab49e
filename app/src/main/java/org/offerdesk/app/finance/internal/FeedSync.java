package org.offerdesk.app.finance.internal;

import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.offerdesk.app.marketplace.MarketplaceDataFeeds;
import org.offerdesk.app.marketplace.MarketplaceDataFeeds.FeedObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads what the feeds appended since the last read: for every month file of every feed finance uses, the
 * bytes after the position committed last time, a batch of whole rows at a time. Each batch is one
 * transaction that writes its rows, moves the file's position past them and counts them on the sync, so a
 * run that dies between batches loses and doubles nothing: the next run starts where the last commit ended.
 * A file that shrank below the position (published with its header only for a while) is left until it
 * holds more; a repeated row is the same {@code billing_event_id} and changes nothing.
 */
@Service
class FeedSync {

  /** Stops a run after a number of batches: how a test plays a sync that dies half-way. */
  interface Interruption {
    Interruption NONE = batches -> false;

    boolean stopAfter(int batches);
  }

  /** Thrown when an {@link Interruption} ends a run, as a crash would. */
  static final class Interrupted extends RuntimeException {
    Interrupted(int batches) {
      super("Sync interrupted after " + batches + " batches");
    }
  }

  /** Another run read the same file meanwhile: this run's batch is rolled back and the run ends. */
  static final class ConcurrentRead extends RuntimeException {
    ConcurrentRead(String key) {
      super("Another sync is reading " + key + "; this one stops");
    }
  }

  private final MarketplaceDataFeeds feeds;
  private final FeedRowStore rows;
  private final SyncStore syncs;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final int batchRows;

  FeedSync(MarketplaceDataFeeds feeds, FeedRowStore rows, SyncStore syncs, TransactionTemplate tx, Clock clock,
      @Value("${offerdesk.finance.sync-batch-rows:20000}") int batchRows) {
    this.feeds = feeds;
    this.rows = rows;
    this.syncs = syncs;
    this.tx = tx;
    this.clock = clock;
    this.batchRows = batchRows;
  }

  /** Reads every feed finance uses; agreements and offers first, so billing rows find their agreement. */
  void readAll(UUID organizationId, UUID syncId, int batchSize, Interruption interruption) {
    int[] batches = {0};
    ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "feed-read-ahead");
      t.setDaemon(true);
      return t;
    });
    try {
      for (FeedTable feed : List.of(FeedTable.AGREEMENT, FeedTable.OFFER, FeedTable.BILLING_EVENT)) {
        for (FeedObject file : feeds.list(organizationId, feed.folder())) {
          if (file.key().endsWith(".csv")) {
            readFile(organizationId, syncId, feed, file, batchSize, interruption, batches, ahead);
          }
        }
      }
    } finally {
      ahead.shutdownNow();
    }
  }

  void readAll(UUID organizationId, UUID syncId) {
    readAll(organizationId, syncId, batchRows, Interruption.NONE);
  }

  /**
   * Reads one file from its committed position, a batch per transaction. While a batch is written, the next one is
   * read from the stream on another thread ({@code ahead}): the S3 read, the record split and the rows' binary
   * {@code COPY} form ({@link FeedRowStore#prepare}) of one batch overlap PostgreSQL's write of the one before (on a
   * first sync of a month, the app's and the database's halves of the work then share the machine's cores instead of
   * taking turns). The read ahead is only ever one batch, handed
   * over whole; it commits nothing, so a run that dies loses nothing it had not committed.
   */
  private void readFile(UUID org, UUID syncId, FeedTable feed, FeedObject file, int batchSize,
      Interruption interruption, int[] batches, ExecutorService ahead) {
    FeedRowStore.FilePosition at = rows.position(org, file.key()).orElse(new FeedRowStore.FilePosition(null, 0));
    if (file.size() <= at.readTo()) {
      return;
    }
    try (InputStream in = feeds.read(org, file.key(), at.readTo()); FeedReader reader = new FeedReader(in, at.readTo())) {
      Future<FeedRowStore.Prepared> next = null;
      try {
        String header = at.header();
        long position = at.readTo();
        boolean counted = false;
        List<String> columns = header == null ? null : Arrays.asList(header.split(",", -1));
        while (true) {
          FeedRowStore.Prepared batch;
          String batchHeader = header;
          if (batchHeader == null) {
            FeedReader.Batch first = reader.next(1);
            if (first.isEmpty()) {
              return;
            }
            batchHeader = String.join(",", first.records().get(0));
            columns = Arrays.asList(batchHeader.split(",", -1));
            FeedReader.Batch records = reader.next(batchSize);
            records = new FeedReader.Batch(records.bytes(), records.starts(), records.ends(), records.size(),
                records.isEmpty() ? first.end() : records.end());
            batch = FeedRowStore.prepare(org, feed, columns, records, syncId);
          } else {
            batch = next != null ? handedOver(next) : FeedRowStore.prepare(org, feed, columns, reader.next(batchSize),
                syncId);
            next = null;
            if (batch.records().isEmpty()) {
              return;
            }
          }
          List<String> c = columns;
          if (!batch.records().isEmpty()) {
            next = ahead.submit(() -> FeedRowStore.prepare(org, feed, c, reader.next(batchSize), syncId));
          }
          String h = batchHeader;
          FeedRowStore.Prepared p = batch;
          FeedReader.Batch b = batch.records();
          boolean firstOfFile = !counted;
          long from = position;
          tx.executeWithoutResult(s -> {
            int fresh = rows.write(org, feed, c, p, syncId);
            if (!rows.advance(org, file.key(), h, from, b.end(), b.size(), clock.instant())) {
              throw new ConcurrentRead(file.key());
            }
            syncs.count(org, syncId, firstOfFile ? 1 : 0, b.size(), fresh);
          });
          position = b.end();
          header = h;
          counted = true;
          batches[0]++;
          if (interruption.stopAfter(batches[0])) {
            throw new Interrupted(batches[0]);
          }
        }
      } finally {
        // the stream is closed only once the read ahead is done with it
        if (next != null) {
          try {
            next.get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (ExecutionException e) {
            // a read ahead of a run that ends anyway
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The batch read ahead; its failure (the stream's) thrown as if read here. */
  private static FeedRowStore.Prepared handedOver(Future<FeedRowStore.Prepared> next) {
    try {
      return next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading a feed file", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
