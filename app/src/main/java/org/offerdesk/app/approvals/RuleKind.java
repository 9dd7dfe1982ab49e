package org.offerdesk.app.approvals;

import java.util.Set;

/**
 * What an approval rule looks at, whether it takes a threshold, and which of the subject's fields it reads
 * (an edit to one of those after approval sends the approval back).
 */
public enum RuleKind {
  /** The discount off the listing's list price is over {@code threshold} percent. */
  DISCOUNT_OVER_PERCENT(true, Set.of(ApprovalSubject.PRODUCT, ApprovalSubject.PRICING, ApprovalSubject.DURATION)),
  /** The total contract value is over {@code threshold}, in the offer's currency. */
  CONTRACT_VALUE_OVER(true, Set.of(ApprovalSubject.PRICING)),
  /** The offer uses the seller's own EULA instead of the standard contract. */
  CUSTOM_EULA(false, Set.of(ApprovalSubject.EULA)),
  /** The payment schedule has more than {@code threshold} installments. */
  INSTALLMENTS_OVER(true, Set.of(ApprovalSubject.SCHEDULE)),
  /** The offer runs for more than {@code threshold} months. */
  DURATION_OVER_MONTHS(true, Set.of(ApprovalSubject.DURATION)),
  /** Any resale authorization granted to a partner. */
  RESALE_AUTHORIZATION(false, Set.of(ApprovalSubject.RESALE_TERMS));

  private final boolean threshold;
  private final Set<String> watches;

  RuleKind(boolean threshold, Set<String> watches) {
    this.threshold = threshold;
    this.watches = watches;
  }

  public boolean takesThreshold() {
    return threshold;
  }

  /** The watched fields ({@link ApprovalSubject#watched()}) this kind of rule reads. */
  public Set<String> watches() {
    return watches;
  }

  /** Only a whole number makes sense as the threshold (installments, months). */
  public boolean wholeThreshold() {
    return this == INSTALLMENTS_OVER || this == DURATION_OVER_MONTHS;
  }
}
