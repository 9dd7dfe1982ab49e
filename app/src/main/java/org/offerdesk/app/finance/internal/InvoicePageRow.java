package org.offerdesk.app.finance.internal;

import java.util.List;
import java.util.Map;
import org.offerdesk.app.money.MoneyFormat;

/**
 * An invoice as the finance page's table shows it, written once in Java: dates and amounts as people read
 * them, the order's link (or the agreement without one) and the resale authorization's page, if the caller
 * has one. Formatted in the template, the table's fifty rows were most of the page's rendering.
 */
record InvoicePageRow(String invoiceId, String variant, boolean buying, String invoicedOn, String dueOn,
    String amount, String listingFee, String net, String disbursed, String status, String orderLink,
    String agreementId, String authorizationId, String authorizationLink) {

  /** The page's invoices, with the links of their resale authorizations ({@link AuthorizationLinks}). */
  static List<InvoicePageRow> of(List<InvoiceView> invoices, Map<String, String> authorizationLinks) {
    return invoices.stream().map(i -> new InvoicePageRow(i.invoiceId(), i.variant(), "BUYING".equals(i.side()),
        i.invoicedOn() == null ? null : i.invoicedOn().toString(), i.dueOn() == null ? null : i.dueOn().toString(),
        MoneyFormat.display(i.amount(), i.currency()), MoneyFormat.amount(i.listingFee(), i.currency()),
        MoneyFormat.amount(i.net(), i.currency()), MoneyFormat.amount(i.disbursedAmount(), i.currency()),
        i.status(), i.orderId() == null ? null : "/orders/" + i.orderId(), i.agreementId(),
        i.resaleAuthorizationId(), i.resaleAuthorizationId() == null ? null
            : authorizationLinks.get(i.resaleAuthorizationId()))).toList();
  }
}
