package org.offerdesk.app.finance.internal;

import java.io.InputStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.offerdesk.app.marketplace.MarketplaceDataFeeds;
import org.offerdesk.app.marketplace.MarketplaceDataFeeds.FeedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(FeedSync.class);

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
  /**
   * Batches the read ahead may have ready beyond the one being written ({@link #readAhead}): 1 hands each batch over
   * as it is ready and reads the next only then; 2 (the default) lets one more wait, so that a slow stretch of the
   * read ahead (the next file's GetObject answered, a batch read while the other core is busy) is bridged by a batch
   * already read rather than waited for by the writer and its {@code COPY} backend. Each batch is ~15 MB at 20,000
   * billing rows.
   */
  private final int batchesAhead;

  FeedSync(MarketplaceDataFeeds feeds, FeedRowStore rows, SyncStore syncs, TransactionTemplate tx, Clock clock,
      @Value("${offerdesk.finance.sync-batch-rows:20000}") int batchRows,
      @Value("${offerdesk.finance.sync-batches-ahead:2}") int batchesAhead) {
    this.feeds = feeds;
    this.rows = rows;
    this.syncs = syncs;
    this.tx = tx;
    this.clock = clock;
    this.batchRows = batchRows;
    this.batchesAhead = Math.max(1, batchesAhead);
  }

  /** Reads every feed finance uses; agreements and offers first, so billing rows find their agreement. */
  void readAll(UUID organizationId, UUID syncId, int batchSize, Interruption interruption) {
    readAll(organizationId, syncId, batchSize, interruption, () -> { });
  }

  /**
   * {@link #readAll(UUID, UUID, int, Interruption)}, calling {@code agreementsRead} once on this thread when this run
   * has committed agreement rows and every agreement batch it read is written (at its first batch of another feed,
   * or at the end): the agreements' links to orders can then be made while the billing rows are read.
   */
  void readAll(UUID organizationId, UUID syncId, int batchSize, Interruption interruption, Runnable agreementsRead) {
    BlockingQueue<Ahead> handOver = batchesAhead == 1 ? new SynchronousQueue<>()
        : new ArrayBlockingQueue<>(batchesAhead - 1);
    Spares spares = new Spares(new ArrayBlockingQueue<>(batchesAhead + 1), new ArrayBlockingQueue<>(batchesAhead + 1));
    ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "feed-read-ahead");
      t.setDaemon(true);
      return t;
    });
    AtomicLong readerWaited = new AtomicLong();
    Future<?> reader = ahead.submit(
        () -> readAhead(organizationId, syncId, batchSize, handOver, spares, readerWaited));
    try {
      int batches = 0;
      boolean agreements = false;
      long writerWaited = 0;
      while (true) {
        long asked = System.nanoTime();
        Ahead next = handedOver(handOver, reader);
        writerWaited += System.nanoTime() - asked;
        if (next.failure() != null) {
          throw next.failure();
        }
        if (agreements && next.feed() != FeedTable.AGREEMENT) {
          agreements = false;
          agreementsRead.run();
        }
        if (next.batch() == null) {
          // which side of the read waited for the other: the writer (its COPY backend idle) or the read ahead
          log.info("Read {} batches for {}: the writer waited {} ms for the read ahead, the read ahead {} ms for the"
              + " writer", batches, organizationId, writerWaited / 1_000_000, readerWaited.get() / 1_000_000);
          return;
        }
        write(organizationId, syncId, next);
        agreements |= next.feed() == FeedTable.AGREEMENT;
        spares.keep(next.batch());
        batches++;
        if (interruption.stopAfter(batches)) {
          throw new Interrupted(batches);
        }
      }
    } finally {
      // the read ahead stops at its next hand-over and closes its stream itself; waited for, so that nothing of
      // this run is still reading when it returns
      ahead.shutdownNow();
      try {
        ahead.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void readAll(UUID organizationId, UUID syncId, Runnable agreementsRead) {
    readAll(organizationId, syncId, batchRows, Interruption.NONE, agreementsRead);
  }

  /**
   * A batch read ahead: the rows of one file from byte {@code from} ({@code batch.records().end()} is where they end),
   * with the file's header and whether it is the file's first batch of this run. {@code batch} null: every file was
   * read; {@code failure}: reading failed.
   */
  private record Ahead(FeedTable feed, String key, String header, List<String> columns, long from, boolean first,
      FeedRowStore.Prepared batch, RuntimeException failure) {}

  /**
   * The arrays of batches written, for the read ahead to write the next batches into (a batch's records and binary
   * rows are megabytes each: new ones for every batch were most of the sync's garbage, moved to the old generation
   * because a batch is still in flight at a young collection, and a month's full collections with them).
   */
  private record Spares(ArrayBlockingQueue<byte[]> records, ArrayBlockingQueue<byte[]> rows) {
    void keep(FeedRowStore.Prepared written) {
      records.offer(written.records().bytes());
      if (written.binary() != null) {
        rows.offer(written.binary().bytes());
      }
    }
  }

  /** One batch's transaction: its rows, the file's position moved past them, and the sync's counts. */
  private void write(UUID org, UUID syncId, Ahead a) {
    FeedReader.Batch b = a.batch().records();
    tx.executeWithoutResult(s -> {
      int fresh = rows.write(org, a.feed(), a.columns(), a.batch(), syncId);
      if (!rows.advance(org, a.key(), a.header(), a.from(), b.end(), b.size(), clock.instant())) {
        throw new ConcurrentRead(a.key());
      }
      syncs.count(org, syncId, a.first() ? 1 : 0, b.size(), fresh);
    });
  }

  /**
   * The read ahead, on a thread of the run's own: every file in turn from its committed position, a batch at a time,
   * each handed over whole ({@code handOver} holds {@link #batchesAhead} - 1: with the default 2, one batch waits
   * ready and the next is read while the last one is written, never more). The S3 read, the record split and the
   * rows' binary {@code COPY} form ({@link FeedRowStore#prepare}) of one batch overlap PostgreSQL's write of the one
   * before, also across files: the next file is opened (its GetObject answered) and its first batch read while the
   * last batch of the file before is written, so a month of many files is one stream of batches rather than a pause
   * at each file. It commits nothing, so a run that dies loses nothing
   * it had not committed; each file's stream is opened and closed here.
   */
  private void readAhead(UUID org, UUID syncId, int batchSize, BlockingQueue<Ahead> handOver, Spares spares,
      AtomicLong waited) {
    try {
      try {
        for (FeedTable feed : List.of(FeedTable.AGREEMENT, FeedTable.OFFER, FeedTable.BILLING_EVENT)) {
          for (FeedObject file : feeds.list(org, feed.folder())) {
            if (file.key().endsWith(".csv")) {
              readAhead(org, syncId, feed, file, batchSize, handOver, spares, waited);
            }
          }
        }
        handOver.put(new Ahead(null, null, null, null, 0, false, null, null));
      } catch (RuntimeException e) {
        handOver.put(new Ahead(null, null, null, null, 0, false, null, e));
      } catch (Error e) {
        handOver.put(new Ahead(null, null, null, null, 0, false, null, new IllegalStateException(e)));
        throw e;
      }
    } catch (InterruptedException e) {
      // the run ended: nobody takes what is read
    }
  }

  /** One file's batches from its committed position (a file that shrank below it is left until it holds more). */
  private void readAhead(UUID org, UUID syncId, FeedTable feed, FeedObject file, int batchSize,
      BlockingQueue<Ahead> handOver, Spares spares, AtomicLong waited) throws InterruptedException {
    FeedRowStore.FilePosition at = rows.position(org, file.key()).orElse(new FeedRowStore.FilePosition(null, 0));
    if (file.size() <= at.readTo()) {
      return;
    }
    try (InputStream in = feeds.read(org, file.key(), at.readTo()); FeedReader reader = new FeedReader(in, at.readTo())) {
      String header = at.header();
      List<String> columns = header == null ? null : Arrays.asList(header.split(",", -1));
      long position = at.readTo();
      boolean first = true;
      while (true) {
        FeedReader.Batch records;
        if (header == null) {
          FeedReader.Batch top = reader.next(1);
          if (top.isEmpty()) {
            return;
          }
          header = String.join(",", top.records().get(0));
          columns = Arrays.asList(header.split(",", -1));
          records = reader.next(batchSize, spares.records().poll());
          // the header's batch, with its first rows when there are any: the position moves past the header either way
          records = new FeedReader.Batch(records.bytes(), records.starts(), records.ends(), records.size(),
              records.isEmpty() ? top.end() : records.end());
        } else {
          records = reader.next(batchSize, spares.records().poll());
          if (records.isEmpty()) {
            return;
          }
        }
        Ahead batch = new Ahead(feed, file.key(), header, columns, position, first,
            FeedRowStore.prepare(org, feed, columns, records, syncId, spares.rows().poll()), null);
        long ready = System.nanoTime();
        handOver.put(batch);
        waited.addAndGet(System.nanoTime() - ready);
        position = records.end();
        first = false;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The next batch read ahead (or its end, or its failure), waiting while it is read. */
  private static Ahead handedOver(BlockingQueue<Ahead> handOver, Future<?> reader) {
    try {
      while (true) {
        Ahead next = handOver.poll(1, TimeUnit.SECONDS);
        if (next != null) {
          return next;
        }
        if (reader.isDone()) {
          // its end may have been queued between the poll and the check
          next = handOver.poll();
          if (next != null) {
            return next;
          }
          throw new IllegalStateException("The feed read ahead ended without handing over its end");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while reading a feed file", e);
    }
  }
}
