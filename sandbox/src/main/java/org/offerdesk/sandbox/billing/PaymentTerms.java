package org.offerdesk.sandbox.billing;

/**
 * How a buyer account pays: by {@code INVOICE} with {@code netDays} to pay, or by {@code CARD} (charged at
 * once), and how the sandbox makes it behave: pay on the due date, at once, {@code lateDays} late, by hand
 * (the buyer console's Pay button or {@code POST /sandbox/invoices/{id}/pay}) or never.
 */
public record PaymentTerms(Method method, int netDays, Payment payment, int lateDays) {

  /** AWS's default for a buyer on invoice terms. */
  public static final PaymentTerms DEFAULT = new PaymentTerms(Method.INVOICE, 30, Payment.ON_DUE_DATE, 0);

  public enum Method { INVOICE, CARD }

  public enum Payment { ON_DUE_DATE, IMMEDIATELY, LATE, MANUAL, NEVER }

  public PaymentTerms {
    if (method == null) {
      throw new IllegalArgumentException("method is INVOICE or CARD");
    }
    payment = payment == null ? Payment.ON_DUE_DATE : payment;
    if (method == Method.CARD) {
      // a card is charged when the invoice is issued
      netDays = 0;
      payment = Payment.IMMEDIATELY;
    }
    if (netDays < 0 || netDays > 365) {
      throw new IllegalArgumentException("netDays is between 0 and 365");
    }
    if (payment == Payment.LATE && lateDays < 1) {
      throw new IllegalArgumentException("A LATE payer needs lateDays of at least 1");
    }
    if (payment != Payment.LATE) {
      lateDays = 0;
    }
  }
}
