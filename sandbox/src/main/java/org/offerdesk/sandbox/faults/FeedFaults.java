package org.offerdesk.sandbox.faults;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The faults of the next daily data-feed deliveries, each a number of deliveries it hits: delivered a day
 * late (the day's rows come with the next day's delivery), the day's billing events written twice (same
 * {@code billing_event_id}), or each file published with its header row only until the next delivery.
 * In memory, like the other faults.
 */
@Component
public class FeedFaults {

  /** What a delivery does wrong. */
  public enum FeedFault { LATE, DUPLICATE_ROWS, HEADER_ONLY }

  /** How many of the next deliveries each fault hits. */
  public record Pending(int late, int duplicateRows, int headerOnly) {
    public static final Pending NONE = new Pending(0, 0, 0);

    public Pending {
      if (late < 0 || duplicateRows < 0 || headerOnly < 0) {
        throw new IllegalArgumentException("Feed delivery faults count deliveries and cannot be negative");
      }
    }
  }

  private final AtomicReference<Pending> pending = new AtomicReference<>(Pending.NONE);

  public Pending pending() {
    return pending.get();
  }

  public void set(Pending faults) {
    pending.set(faults);
  }

  /** Takes the fault of one delivery, if any is pending: a late delivery first, then header-only, then duplicates. */
  public Optional<FeedFault> takeForDelivery() {
    while (true) {
      Pending p = pending.get();
      FeedFault fault;
      Pending next;
      if (p.late() > 0) {
        fault = FeedFault.LATE;
        next = new Pending(p.late() - 1, p.duplicateRows(), p.headerOnly());
      } else if (p.headerOnly() > 0) {
        fault = FeedFault.HEADER_ONLY;
        next = new Pending(p.late(), p.duplicateRows(), p.headerOnly() - 1);
      } else if (p.duplicateRows() > 0) {
        fault = FeedFault.DUPLICATE_ROWS;
        next = new Pending(p.late(), p.duplicateRows() - 1, p.headerOnly());
      } else {
        return Optional.empty();
      }
      if (pending.compareAndSet(p, next)) {
        return Optional.of(fault);
      }
    }
  }
}
