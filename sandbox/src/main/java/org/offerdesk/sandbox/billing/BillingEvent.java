package org.offerdesk.sandbox.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One billing event as it is written to {@code billing_event}: a row of AWS's billingeventfeed_v1, owned by
 * the account whose feed delivers it. Built step by step because most of AWS's columns are empty on most
 * rows; accounts are 12-digit IDs here and become account-feed keys when written.
 */
final class BillingEvent {

  final String feedOwner;
  final Instant actionDate;
  final String action;
  final String transactionType;
  final BigDecimal amount;
  final String currency;
  String from;
  String to;
  String endUser;
  String productId;
  String agreementId;
  String offerId;
  String parent;
  String disbursement;
  int balanceImpacting = 1;
  Instant invoiceDate;
  Instant paymentDueDate;
  Instant usageStart;
  Instant usageEnd;
  String invoiceId;
  String transactionReference;
  String bankTraceId;
  String buyerInvoiceId;
  Instant buyerInvoiceDate;
  String lineItemId;
  String disbursementReference;
  String invoiceVariant;
  String chargeVariant;
  String chargeSide;

  BillingEvent(String feedOwner, Instant actionDate, String action, String transactionType, BigDecimal amount,
      String currency) {
    this.feedOwner = feedOwner;
    this.actionDate = actionDate;
    this.action = action;
    this.transactionType = transactionType;
    this.amount = amount;
    this.currency = currency;
  }

  /**
   * A row that follows an invoiced line in the same feed (its collection, its payout mirror, its refund):
   * the line's invoice, agreement, product, offer, parties and variants, with the line as parent.
   */
  static BillingEvent following(BillingEvents.Line line, Instant at, String action, String transactionType,
      BigDecimal amount) {
    BillingEvent e = new BillingEvent(line.owner(), at, action, transactionType, amount, line.currency())
        .between(line.from(), line.to()).variant(line.invoiceVariant(), line.chargeVariant(), line.chargeSide());
    e.invoiceId = line.invoiceId();
    e.agreementId = line.agreementId();
    e.productId = line.productId();
    e.offerId = line.offerId();
    e.invoiceDate = line.invoiceDate();
    e.parent = line.billingEventId();
    return e;
  }

  BillingEvent between(String fromAccount, String toAccount) {
    this.from = fromAccount;
    this.to = toAccount;
    return this;
  }

  /** The invoice line this row belongs to, and its agreement. */
  BillingEvent on(Invoice invoice, String productId, String offerId, String endUser) {
    this.invoiceId = invoice.invoiceId();
    this.agreementId = invoice.agreementId();
    this.invoiceDate = invoice.issuedAt();
    this.usageStart = invoice.periodStart();
    this.usageEnd = invoice.periodEnd() == null ? null : invoice.periodEnd().minusSeconds(1);
    this.productId = productId;
    this.offerId = offerId;
    this.endUser = endUser;
    this.lineItemId = invoice.invoiceId() + "-1";
    this.transactionReference = invoice.chargeKey();
    return this;
  }

  BillingEvent variant(String invoiceVariant, String chargeVariant, String chargeSide) {
    this.invoiceVariant = invoiceVariant;
    this.chargeVariant = chargeVariant;
    this.chargeSide = chargeSide;
    return this;
  }

  BillingEvent buyerInvoice(Invoice buyerInvoice) {
    this.buyerInvoiceId = buyerInvoice.invoiceId();
    this.buyerInvoiceDate = buyerInvoice.issuedAt();
    return this;
  }
}
