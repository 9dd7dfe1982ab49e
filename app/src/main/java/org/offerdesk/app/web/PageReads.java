package org.offerdesk.app.web;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a console page's reads in one read-only transaction, together with what the layout shows on every
 * page ({@link LayoutRead}s, such as the navbar's bell): the page costs one pool checkout, not one per
 * query. Under load a checkout is a wait in line for one of the pool's few connections (bench P3).
 * Rendering happens after, without a connection.
 */
@Component
public class PageReads {

  private final TransactionTemplate readOnly;
  private final List<LayoutRead> layout;

  PageReads(PlatformTransactionManager transactions, List<LayoutRead> layout) {
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    this.layout = List.copyOf(layout);
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
  }
}
