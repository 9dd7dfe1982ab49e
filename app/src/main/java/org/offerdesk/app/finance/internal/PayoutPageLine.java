package org.offerdesk.app.finance.internal;

import java.util.List;
import org.offerdesk.app.money.MoneyFormat;

/**
 * A payout's line as its page shows it, written once in Java: the amount as people read it, the link to the
 * order (or, without one, what says so). A payout page shows up to 200 lines; each expression and link
 * built in the template per line was most of the page's rendering.
 */
record PayoutPageLine(String invoiceId, String type, String amount, String orderLink, String noOrder) {

  static List<PayoutPageLine> of(PayoutView payout) {
    if (payout.lines() == null) {
      return List.of();
    }
    return payout.lines().stream().map(l -> new PayoutPageLine(l.invoiceId(), l.type(),
        MoneyFormat.amount(l.amount(), payout.currency()), l.orderId() == null ? null : "/orders/" + l.orderId(),
        l.orderId() == null ? "no order for " + l.agreementId() : null)).toList();
  }
}
