package org.offerdesk.sandbox.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Collects buyers' payments: an invoice is paid in full at once (the sandbox knows no partial payments),
 * which also settles the reseller's RESALE invoice of a channel deal, writes a COLLECTED row for each line
 * and schedules the payees' next payout.
 */
@Component
class Collections {

  private final Invoices invoices;
  private final BillingEvents events;
  private final BillingSettings settings;
  private final DueWork work;

  Collections(Invoices invoices, BillingEvents events, BillingSettings settings, DueWork work) {
    this.invoices = invoices;
    this.events = events;
    this.settings = settings;
    this.work = work;
  }

  /** The buyer pays invoice {@code invoiceId} at {@code at}; answers false if it was paid already. */
  boolean collect(String invoiceId, Instant at) {
    if (!invoices.markPaid(invoiceId, at)) {
      return false;
    }
    List<Invoice> settled = new ArrayList<>();
    settled.add(invoices.find(invoiceId).orElseThrow());
    for (Invoice child : invoices.children(invoiceId)) {
      if ("RESALE".equals(child.invoiceVariant()) && !child.isCreditMemo() && invoices.markPaid(child.invoiceId(), at)) {
        settled.add(child);
      }
    }
    for (Invoice invoice : settled) {
      for (BillingEvents.Line line : events.invoiced(invoice.invoiceId())) {
        BillingEvent collected = BillingEvent.following(line, at, "COLLECTED", line.transactionType(), line.amount());
        collected.balanceImpacting = 0;
        events.write(collected);
      }
      schedulePayout(invoice.payeeAccountId(), at);
    }
    return true;
  }

  /** Schedules the account's next payout after {@code after}, by its disbursement settings. */
  void schedulePayout(String accountId, Instant after) {
    Instant next = settings.disbursementSettings(accountId).nextPayoutAfter(after);
    work.schedule("disburse/" + accountId + "/" + next, DueWork.Kind.DISBURSE, next, accountId);
  }
}
