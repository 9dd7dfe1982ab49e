package org.offerdesk.sandbox.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * An invoice of the marketplace: a buyer's ({@code PURCHASE}, issued for the seller of record), a
 * reseller's to the manufacturer ({@code RESALE}, the wholesale price of a channel deal) or a refund's
 * credit memo (negative amount). Numbered with digits, as AWS Inc numbers them.
 */
public record Invoice(
    String invoiceId, String agreementId, String invoiceType, String invoiceVariant, String chargeKind,
    String payerAccountId, String payeeAccountId, BigDecimal amount, String currency, Instant issuedAt, Instant dueAt,
    Instant paidAt, Instant periodStart, Instant periodEnd, String parentInvoiceId, String chargeKey) {

  /** Where a buyer's invoice stands, as the buyer console shows it. */
  public enum Status { ISSUED, DUE, PAID, OVERDUE }

  public Status status(Instant now) {
    if (paidAt != null && !paidAt.isAfter(now)) {
      return Status.PAID;
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate due = LocalDate.ofInstant(dueAt, ZoneOffset.UTC);
    if (today.isAfter(due)) {
      return Status.OVERDUE;
    }
    return today.equals(due) ? Status.DUE : Status.ISSUED;
  }

  public boolean isCreditMemo() {
    return "CREDIT_MEMO".equals(invoiceType);
  }
}
