package org.offerdesk.app.orders.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Permission;
import org.offerdesk.app.marketplace.MarketplaceBilling;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The Refunds section of the order page: the order's refund requests with their status and, for those who
 * may refund, a form with the order's invoices as the marketplace has them (what is still refundable on
 * each). The form carries a one-time token, sent as the idempotency key: a double submit refunds once.
 */
@Component
class RefundForm {

  /** A reason code and how the form words it. */
  record Reason(String code, String label) {}

  static final List<Reason> REASONS = MarketplaceBilling.REASONS.stream()
      .map(code -> new Reason(code, label(code))).toList();

  private final Refunds refunds;

  RefundForm(Refunds refunds) {
    this.refunds = refunds;
  }

  void show(Caller caller, Order order, Model model) {
    model.addAttribute("refunds", refunds.ofOrder(caller.organizationId(), order.id()));
    model.addAttribute("refundReasons", REASONS);
    model.addAttribute("refundToken", UUID.randomUUID().toString());
    if (!caller.can(Permission.FINANCE_EDIT)) {
      return;
    }
    try {
      model.addAttribute("refundInvoices", refunds.invoices(caller.organizationId(), order.id()));
    } catch (RuntimeException e) {
      // the page still shows the order (a connection without keys, the marketplace down): the form says why
      // it has no invoices to offer, and still takes an invoice ID
      model.addAttribute("refundInvoicesError", e.getMessage());
    }
  }

  Refund submit(Caller caller, UUID orderId, Map<String, String> params) {
    return refunds.request(caller, orderId, new Refunds.Request(params.get("invoiceId"), params.get("amount"),
        params.get("currency"), params.get("reason"), params.get("description")), params.get("refundToken"));
  }

  /** "BUYER_DISSATISFACTION" reads "Buyer dissatisfaction". */
  static String label(String code) {
    String words = code.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
