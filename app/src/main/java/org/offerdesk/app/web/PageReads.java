package org.offerdesk.app.web;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.offerdesk.app.sql.SqlReads;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a console page's reads in one read-only transaction, together with what the layout shows on every
 * page ({@link LayoutRead}s, such as the navbar's bell): the page costs one pool checkout, not one per
 * query. Under load a checkout is a wait in line for one of the pool's few connections (bench P3).
 * Rendering happens after, without a connection. A page whose reads are {@link SqlReads.Read}s (the dashboard)
 * sends them and the layout's in one round trip instead ({@link #batch}).
 */
@Component
public class PageReads {

  private final TransactionTemplate readOnly;
  private final List<LayoutRead> layout;
  private final SqlReads sqlReads;

  PageReads(PlatformTransactionManager transactions, List<LayoutRead> layout, SqlReads sqlReads) {
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.layout = List.copyOf(layout);
    this.sqlReads = sqlReads;
  }

  /**
   * The page's reads and the layout's sent together in one round trip ({@link SqlReads}): {@code reads} adds the
   * page's to the batch and gives what the page makes of them once it has run. No transaction: one statement
   * text, which PostgreSQL runs as one implicit transaction, on one pool checkout.
   */
  public <T> T batch(Function<SqlReads.Batch, Supplier<T>> reads) {
    SqlReads.Batch batch = sqlReads.batch();
    Supplier<T> read = reads.apply(batch);
    List<Runnable> kept = layout.stream().map(l -> l.readWith(batch)).toList();
    batch.run();
    kept.forEach(Runnable::run);
    return read.get();
  }

  /** Runs {@code reads} and the layout's reads in one read-only transaction. */
  public void read(Runnable reads) {
    read(() -> {
      reads.run();
      return null;
    });
  }

  /** Runs {@code reads} and the layout's reads in one read-only transaction, and gives what {@code reads} gave. */
  public <T> T read(Supplier<T> reads) {
    return readOnly.execute(status -> {
      T read = reads.get();
      layout.forEach(LayoutRead::readForThisRequest);
      return read;
    });
  }

  /**
   * Something the layout shows on every console page, read while the page's own reads run (inside their
   * transaction) and kept for the rest of the request; a page that does not use {@link PageReads} reads it
   * when rendering, as before.
   */
  public interface LayoutRead {

    /** Reads what the layout will show and keeps it for this request. */
    void readForThisRequest();

    /**
     * Adds its read to a page's batch ({@link PageReads#batch}); what keeps the value for this request once the
     * batch has run. By default nothing is added and the read runs then, on its own.
     */
    default Runnable readWith(SqlReads.Batch batch) {
      return this::readForThisRequest;
    }
  }
}
