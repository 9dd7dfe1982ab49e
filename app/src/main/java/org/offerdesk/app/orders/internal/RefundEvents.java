package org.offerdesk.app.orders.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import org.offerdesk.app.jobs.RetryLater;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.springframework.stereotype.Component;

/**
 * The marketplace finished a billing adjustment the seller proposed ("Purchase Agreement Billing Adjustment
 * Completed|Failed - Proposer"): the order's refund takes its final status. An adjustment made outside
 * OfferDesk is none of its refunds and is left alone; one that may still be on its way into the refunds table
 * (the request was answered, its transaction not yet committed) is looked for again for a few minutes.
 */
@Component
record RefundEvents(Refunds refunds, Clock clock) implements MarketplaceEventHandler {

  static final String COMPLETED = "Purchase Agreement Billing Adjustment Completed - Proposer";
  static final String FAILED = "Purchase Agreement Billing Adjustment Failed - Proposer";
  private static final Duration STILL_RECORDING = Duration.ofMinutes(5);

  @Override
  public boolean handles(MarketplaceEvent e) {
    return COMPLETED.equals(e.detailType()) || FAILED.equals(e.detailType());
  }

  @Override
  public void handle(MarketplaceEvent e) {
    JsonNode adjustment = e.detail().path("billingAdjustmentRequest");
    String id = adjustment.path("id").asText("");
    if (id.isBlank()) {
      return;
    }
    boolean completed = COMPLETED.equals(e.detailType());
    String message = completed ? null : adjustment.path("statusMessage").asText(e.detail().path("statusMessage")
        .asText("the marketplace refused the adjustment"));
    boolean known = refunds.settled(e.organizationId(), id, completed ? "COMPLETED" : "VALIDATION_FAILED", message);
    if (!known && e.time() != null && e.time().plus(STILL_RECORDING).isAfter(clock.instant())) {
      throw new RetryLater(Duration.ofSeconds(5), "no refund recorded yet for billing adjustment " + id);
    }
  }
}
