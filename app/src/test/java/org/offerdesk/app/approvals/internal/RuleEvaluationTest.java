package org.offerdesk.app.approvals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.approvals.ApprovalSubject.Discount;
import org.offerdesk.app.approvals.ApprovalSubject.Facts;
import org.offerdesk.app.approvals.RuleKind;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.money.Money;

/** Each kind of rule against facts just over, at and under its threshold. */
class RuleEvaluationTest {

  static ApprovalRule rule(RuleKind kind, String threshold) {
    return new ApprovalRule(kind, threshold == null ? null : new BigDecimal(threshold), Role.ADMIN, List.of());
  }

  static Facts facts(String contractValue, Discount discount, boolean customEula, int installments, Integer months) {
    return new Facts(contractValue == null ? null : Money.of(contractValue, "USD"), discount, customEula,
        installments, months, false);
  }

  static final Facts PLAIN = facts("100000.00", new Discount(new BigDecimal("20.00"),
      Money.of("125000.00", "USD"), null), false, 4, 24);

  @Test
  void each_kind_triggers_only_past_its_threshold() {
    assertThat(RuleEvaluation.reason(rule(RuleKind.CONTRACT_VALUE_OVER, "100000"), PLAIN)).isNull();
    assertThat(RuleEvaluation.reason(rule(RuleKind.CONTRACT_VALUE_OVER, "99999.99"), PLAIN))
        .isEqualTo("contract value 100,000.00 USD is over 99999.99");
    assertThat(RuleEvaluation.reason(rule(RuleKind.DISCOUNT_OVER_PERCENT, "20"), PLAIN)).isNull();
    assertThat(RuleEvaluation.reason(rule(RuleKind.DISCOUNT_OVER_PERCENT, "19.5"), PLAIN))
        .isEqualTo("discount 20.00% off the list price 125,000.00 USD is over 19.5%");
    assertThat(RuleEvaluation.reason(rule(RuleKind.INSTALLMENTS_OVER, "4"), PLAIN)).isNull();
    assertThat(RuleEvaluation.reason(rule(RuleKind.INSTALLMENTS_OVER, "3"), PLAIN))
        .isEqualTo("4 installments, more than 3");
    assertThat(RuleEvaluation.reason(rule(RuleKind.DURATION_OVER_MONTHS, "24"), PLAIN)).isNull();
    assertThat(RuleEvaluation.reason(rule(RuleKind.DURATION_OVER_MONTHS, "12"), PLAIN))
        .isEqualTo("24 months, more than 12");
    assertThat(RuleEvaluation.reason(rule(RuleKind.CUSTOM_EULA, null), PLAIN)).isNull();
    assertThat(RuleEvaluation.reason(rule(RuleKind.CUSTOM_EULA, null), facts("1.00", null, true, 0, 12)))
        .isEqualTo("a custom EULA instead of the standard contract");
    assertThat(RuleEvaluation.reason(rule(RuleKind.RESALE_AUTHORIZATION, null), PLAIN)).isNull();
    assertThat(RuleEvaluation.reason(rule(RuleKind.RESALE_AUTHORIZATION, null), Facts.ofResaleGrant()))
        .isEqualTo("a resale authorization granted to a partner");
  }

  @Test
  void an_unknown_discount_triggers_its_rule_and_other_unknown_facts_trigger_nothing() {
    Facts unknown = facts(null, Discount.unknown("the listing has no public offer with list prices"), false, 0, null);
    assertThat(RuleEvaluation.reason(rule(RuleKind.DISCOUNT_OVER_PERCENT, "50"), unknown))
        .isEqualTo("the discount cannot be checked: the listing has no public offer with list prices");
    assertThat(RuleEvaluation.reason(rule(RuleKind.CONTRACT_VALUE_OVER, "0"), unknown)).isNull();
    assertThat(RuleEvaluation.reason(rule(RuleKind.DURATION_OVER_MONTHS, "0"), unknown)).isNull();
    // A resale authorization has no discount of an offer to judge: only its own rule applies to it.
    assertThat(RuleEvaluation.triggered(List.of(rule(RuleKind.DISCOUNT_OVER_PERCENT, "0"),
        rule(RuleKind.CONTRACT_VALUE_OVER, "0"), rule(RuleKind.RESALE_AUTHORIZATION, null)), Facts.ofResaleGrant()))
        .extracting(t -> t.rule().kind()).containsExactly(RuleKind.RESALE_AUTHORIZATION);
  }
}
