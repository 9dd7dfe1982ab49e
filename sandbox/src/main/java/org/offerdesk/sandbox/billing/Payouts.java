package org.offerdesk.sandbox.billing;

import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do to money by hand: change an account's disbursement settings (a fixed bank account or a
 * new payout day plans the next payout) and pay an invoice (a buyer on MANUAL payment).
 */
@Service
class Payouts {

  private final BillingSettings settings;
  private final Collections collections;
  private final Invoices invoices;
  private final Clock clock;

  Payouts(BillingSettings settings, Collections collections, Invoices invoices, Clock clock) {
    this.settings = settings;
    this.collections = collections;
    this.invoices = invoices;
    this.clock = clock;
  }

  @Transactional
  public void change(String accountId, DisbursementSettings s) {
    settings.save(accountId, s);
    if (s.bankAccountValid()) {
      collections.schedulePayout(accountId, clock.instant());
    }
  }

  /** The buyer pays an open invoice of its own now. */
  @Transactional
  public Invoice pay(String invoiceId) {
    Invoice invoice = invoices.find(invoiceId).filter(i -> "PURCHASE".equals(i.invoiceVariant()) && !i.isCreditMemo())
        .orElseThrow(() -> new IllegalArgumentException("Invoice " + invoiceId + " is not a buyer's invoice"));
    if (invoice.paidAt() != null) {
      throw new IllegalStateException("Invoice " + invoiceId + " is already paid");
    }
    Instant now = clock.instant();
    collections.collect(invoiceId, now);
    return invoices.find(invoiceId).orElseThrow();
  }
}
