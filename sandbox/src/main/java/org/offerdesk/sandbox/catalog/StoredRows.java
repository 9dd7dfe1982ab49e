package org.offerdesk.sandbox.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The entity rows DescribeEntity and the other reads last found, so that reading an entity costs no database
 * round trip: a catalog entity changes only when a change set applies (or a product is saved), and those
 * writes {@link #forget} what they change, once when they write and again when their transaction ends (a
 * reader may have kept the old row in between). A read that began before a forget does not keep what it
 * read. Kept in memory only, so a restarted sandbox starts empty and reads its database again.
 */
final class StoredRows {

  /** Past this many rows the memory is emptied rather than grown (a sandbox holds far fewer entities). */
  private static final int MAX_ROWS = 50_000;

  private final Map<String, CatalogEntities.StoredRow> rows = new ConcurrentHashMap<>();
  private long generation;

  /** The kept row, or {@code read}'s, which is kept unless a write forgot rows while it was read. */
  Optional<CatalogEntities.StoredRow> get(String entityId, Supplier<Optional<CatalogEntities.StoredRow>> read) {
    CatalogEntities.StoredRow kept = rows.get(entityId);
    if (kept != null) {
      return Optional.of(kept);
    }
    long before = generation();
    Optional<CatalogEntities.StoredRow> found = read.get();
    found.ifPresent(row -> keep(entityId, row, before));
    return found;
  }

  /** Forgets the rows now and, inside a transaction, again when it ends. */
  void forget(Collection<String> entityIds) {
    forgetNow(entityIds);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          forgetNow(entityIds);
        }
      });
    }
  }

  private synchronized long generation() {
    return generation;
  }

  private synchronized void keep(String entityId, CatalogEntities.StoredRow row, long readAt) {
    if (generation == readAt) {
      if (rows.size() >= MAX_ROWS) {
        rows.clear();
      }
      rows.put(entityId, row);
    }
  }

  private synchronized void forgetNow(Collection<String> entityIds) {
    generation++;
    entityIds.forEach(rows::remove);
  }
}
