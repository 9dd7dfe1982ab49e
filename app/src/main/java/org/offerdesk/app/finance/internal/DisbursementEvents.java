package org.offerdesk.app.finance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.offerdesk.app.marketplace.MarketplaceEvent;
import org.offerdesk.app.marketplace.MarketplaceEventHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The marketplace paused the seller's payouts ("Disbursement Paused", e.g. an invalid bank account): an
 * exception in the queue, once per payment instrument and day, and a notice to the finance role. The
 * exception clears itself when a payout arrives after it (a failed payout comes through the feed instead, as
 * a DISBURSEMENT_FAILURE row, and opens its own exception at reconciliation).
 */
@Component
record DisbursementEvents(ExceptionStore exceptions, FinanceNews news, TransactionTemplate tx, Clock clock)
    implements MarketplaceEventHandler {

  static final String PAUSED = "Disbursement Paused";

  @Override
  public boolean handles(MarketplaceEvent event) {
    return PAUSED.equals(event.detailType());
  }

  @Override
  public void handle(MarketplaceEvent event) {
    JsonNode detail = event.detail();
    Instant at = event.time() == null ? clock.instant() : event.time();
    String instrument = detail.path("paymentInstrument").path("arn").asText("");
    String reason = detail.path("reason").asText("no reason given");
    String subject = (instrument.isBlank() ? "payouts" : instrument) + "@" + LocalDate.ofInstant(at, ZoneOffset.UTC);
    String detailText = "The marketplace paused payouts (" + reason + ")"
        + (instrument.isBlank() ? "" : " to payment instrument " + instrument)
        + "; fix the bank account in the AWS Marketplace Management Portal";
    // the exception and its notice together: a retried event neither opens nor tells twice
    tx.executeWithoutResult(s -> exceptions.openOne(event.organizationId(), "DISBURSEMENT_PAUSED", subject,
        detailText, at).ifPresent(opened -> news.opened(event.organizationId(), List.of(opened))));
  }
}
