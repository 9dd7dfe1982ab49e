package org.offerdesk.app.marketplace;

import java.util.List;

/**
 * A capability's reaction to marketplace events. Called once per event in a durable job, inside its
 * transaction; the same event may still come twice across a crash, so handlers key what they record
 * on the event's facts (an agreement ID, a change set ID) and never move state backwards.
 *
 * <p>A receive's events are handled as one batch when every handler of each says it can ({@link #batches}): what
 * they need from the marketplace is read first, outside any transaction ({@link #readAhead}, a handler's events
 * of the batch at once), then each event is handled in the batch's one transaction, in a savepoint of its own
 * ({@link #handleInBatch}); an event that fails or must wait is rolled back alone and gets a job of its own, which
 * handles it as {@link #handle} does. After the commit, {@link #afterBatch} may call out for what the batch made.
 */
public interface MarketplaceEventHandler {

  boolean handles(MarketplaceEvent event);

  void handle(MarketplaceEvent event);

  /**
   * Whether this event can be handled in a batch: without calling out while its transaction is open, after
   * {@link #readAhead}. False by default: the event then gets a job of its own.
   */
  default boolean batches(MarketplaceEvent event) {
    return false;
  }

  /**
   * Reads, outside any transaction, what handling these events (the batch's events this handler handles, in the
   * order they are handled) will need from the marketplace; the answer is handed to {@link #handleInBatch} and
   * {@link #afterBatch} as it is. What could not be read is simply missing: its event then fails in the batch
   * and is handled in a job of its own.
   */
  default Object readAhead(List<MarketplaceEvent> events) {
    return null;
  }

  /**
   * Handles one event of a batch in the batch's transaction, with what {@link #readAhead} read: no call out. Throws
   * (a {@link org.offerdesk.app.jobs.RetryLater} when it must wait) to have the event rolled back alone and
   * handled in a job of its own.
   */
  default void handleInBatch(MarketplaceEvent event, Object readAhead) {
    handle(event);
  }

  /**
   * In the batch's transaction, once each of its events was handled: what this handler writes for all the events
   * that were handled (not rolled back) at once, such as the notices of the orders they made. Throwing rolls the
   * whole batch back; each of its events is then handled alone.
   */
  default void beforeCommit(Object readAhead, java.util.Set<String> handledEventIds) {}

  /** After the batch's commit, outside any transaction: what its events made that calls out (best effort). */
  default void afterBatch(Object readAhead) {}
}
