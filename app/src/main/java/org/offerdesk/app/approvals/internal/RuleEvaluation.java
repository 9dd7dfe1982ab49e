package org.offerdesk.app.approvals.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.offerdesk.app.approvals.ApprovalState.TriggeredRule;
import org.offerdesk.app.approvals.ApprovalSubject.Discount;
import org.offerdesk.app.approvals.ApprovalSubject.Facts;
import org.offerdesk.app.money.MoneyFormat;

/**
 * Which of an organization's rules a subject's facts trigger, and why in words. A discount that cannot be
 * computed (the listing's list prices cannot be read) triggers its rule: a rule meant to stop deep discounts
 * should not let one through because the list price was unknown. Any other unknown fact triggers nothing.
 */
final class RuleEvaluation {

  private RuleEvaluation() {}

  /** A rule that applies, with its reason. */
  record Triggered(ApprovalRule rule, String reason) {
    TriggeredRule view() {
      return new TriggeredRule(rule.kind(), rule.thresholdText(), reason);
    }
  }

  static List<Triggered> triggered(List<ApprovalRule> rules, Facts facts) {
    List<Triggered> triggered = new ArrayList<>();
    for (ApprovalRule rule : rules) {
      String reason = reason(rule, facts);
      if (reason != null) {
        triggered.add(new Triggered(rule, reason));
      }
    }
    return triggered;
  }

  /** Why the rule applies to these facts, or null when it does not. */
  static String reason(ApprovalRule rule, Facts facts) {
    BigDecimal t = rule.threshold();
    return switch (rule.kind()) {
      case DISCOUNT_OVER_PERCENT -> discount(facts.discount(), t);
      case CONTRACT_VALUE_OVER -> facts.contractValue() != null && facts.contractValue().amount().compareTo(t) > 0
          ? "contract value " + MoneyFormat.display(facts.contractValue()) + " is over " + rule.thresholdText() : null;
      case CUSTOM_EULA -> facts.customEula() ? "a custom EULA instead of the standard contract" : null;
      case INSTALLMENTS_OVER -> BigDecimal.valueOf(facts.installments()).compareTo(t) > 0
          ? facts.installments() + " installments, more than " + rule.thresholdText() : null;
      case DURATION_OVER_MONTHS -> facts.durationMonths() != null
          && BigDecimal.valueOf(facts.durationMonths()).compareTo(t) > 0
          ? facts.durationMonths() + " months, more than " + rule.thresholdText() : null;
      case RESALE_AUTHORIZATION -> facts.resaleGrant() ? "a resale authorization granted to a partner" : null;
    };
  }

  private static String discount(Discount discount, BigDecimal threshold) {
    if (discount == null) {
      return null;
    }
    if (!discount.known()) {
      return "the discount cannot be checked: " + discount.unknownBecause();
    }
    return discount.percent().compareTo(threshold) > 0
        ? "discount " + discount.percent().setScale(2, RoundingMode.HALF_UP).toPlainString() + "% off the list price "
            + MoneyFormat.display(discount.listValue()) + " is over " + threshold.stripTrailingZeros().toPlainString()
            + "%"
        : null;
  }
}
