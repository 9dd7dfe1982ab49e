package org.offerdesk.app.finance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.finance.internal.DepositMatcher.Deposit;
import org.offerdesk.app.finance.internal.DepositMatcher.Match;
import org.offerdesk.app.finance.internal.DepositMatcher.Method;
import org.offerdesk.app.finance.internal.DepositMatcher.Payout;
import org.offerdesk.app.money.Money;

/** The matching of deposits to payouts, over plain records. */
class DepositMatcherTest {

  static final LocalDate PAYDAY = LocalDate.of(2026, 3, 2);

  static Deposit deposit(int daysAfterPayday, String amount, String reference) {
    return new Deposit(UUID.randomUUID(), PAYDAY.plusDays(daysAfterPayday), Money.of(amount, "USD"), reference);
  }

  static Payout payout(String id, String amount, String trace) {
    return new Payout(id, PAYDAY, Money.of(amount, "USD"), trace);
  }

  @Test
  void the_bank_trace_id_in_the_reference_matches_whatever_the_amount_and_day() {
    Deposit d = deposit(9, "19.80", "AWS MARKETPLACE trc 0042-7781 99XZ");
    DepositMatcher.Result r = DepositMatcher.match(List.of(d), List.of(payout("p1", "19.85", "00427781-99xz")));
    assertThat(r.matches()).containsExactly(new Match(d.id(), "p1", Method.BANK_TRACE_ID));
    assertThat(r.ambiguous()).isEmpty();
  }

  @Test
  void without_a_trace_the_same_amount_within_five_days_of_the_payday_matches() {
    Deposit onDay5 = deposit(5, "1000.00", "AWS EMEA");
    Deposit tooLate = deposit(6, "2000.00", "AWS EMEA");
    Deposit tooEarly = deposit(-1, "3000.00", "AWS EMEA");
    DepositMatcher.Result r = DepositMatcher.match(List.of(onDay5, tooLate, tooEarly),
        List.of(payout("p1", "1000", null), payout("p2", "2000.00", ""), payout("p3", "3000.00", null)));
    assertThat(r.matches()).containsExactly(new Match(onDay5.id(), "p1", Method.AMOUNT_AND_DATE));
    assertThat(r.ambiguous()).isEmpty();
  }

  @Test
  void another_currency_or_amount_never_matches() {
    Deposit euros = new Deposit(UUID.randomUUID(), PAYDAY, Money.of("500.00", "EUR"), "TRACE123456");
    Deposit cents = deposit(0, "500.01", "nothing");
    DepositMatcher.Result r = DepositMatcher.match(List.of(euros, cents),
        List.of(payout("p1", "500.00", "TRACE123456")));
    assertThat(r.matches()).isEmpty();
  }

  @Test
  void two_deposits_that_could_be_one_payout_are_left_unmatched_and_listed() {
    Deposit a = deposit(1, "750.00", "AWS");
    Deposit b = deposit(2, "750.00", "AWS");
    DepositMatcher.Result r = DepositMatcher.match(List.of(a, b), List.of(payout("p1", "750.00", null)));
    assertThat(r.matches()).isEmpty();
    assertThat(r.ambiguous()).extracting(DepositMatcher.Ambiguity::depositId).containsExactlyInAnyOrder(a.id(), b.id());
    assertThat(r.ambiguous()).allSatisfy(x -> assertThat(x.candidatePayoutIds()).containsExactly("p1"));
  }

  @Test
  void one_deposit_that_could_be_two_payouts_is_left_unmatched_with_both() {
    Deposit d = deposit(1, "750.00", "AWS");
    DepositMatcher.Result r = DepositMatcher.match(List.of(d),
        List.of(payout("p2", "750.00", null), payout("p1", "750.00", null)));
    assertThat(r.matches()).isEmpty();
    assertThat(r.ambiguous()).singleElement().satisfies(x -> assertThat(x.candidatePayoutIds()).containsExactly("p1", "p2"));
  }

  @Test
  void a_trace_match_takes_its_deposit_out_of_the_amount_matching() {
    Deposit traced = deposit(1, "750.00", "ref TRACEAAAA01");
    Deposit plain = deposit(2, "750.00", "AWS");
    DepositMatcher.Result r = DepositMatcher.match(List.of(traced, plain),
        List.of(payout("p1", "750.00", "TRACEAAAA01"), payout("p2", "750.00", null)));
    assertThat(r.matches()).containsExactlyInAnyOrder(new Match(traced.id(), "p1", Method.BANK_TRACE_ID),
        new Match(plain.id(), "p2", Method.AMOUNT_AND_DATE));
  }

  @Test
  void one_deposit_per_payout_and_one_payout_per_deposit() {
    Deposit both = deposit(0, "100.00", "TRACE111111 TRACE222222");
    DepositMatcher.Result r = DepositMatcher.match(List.of(both),
        List.of(payout("p1", "100.00", "TRACE111111"), payout("p2", "100.00", "TRACE222222")));
    assertThat(r.matches()).singleElement().satisfies(m -> assertThat(m.payoutId()).isEqualTo("p1"));
    assertThat(r.ambiguous()).isEmpty();
  }

  @Test
  void a_trace_found_in_two_deposits_is_ambiguous_and_a_short_trace_is_not_looked_for() {
    Deposit a = deposit(0, "100.00", "TRACE333333");
    Deposit b = deposit(1, "90.00", "again TRACE333333");
    DepositMatcher.Result r = DepositMatcher.match(List.of(a, b), List.of(payout("p1", "100.00", "TRACE333333")));
    assertThat(r.matches()).isEmpty();
    assertThat(r.ambiguous()).hasSize(2);
    Deposit c = deposit(0, "5.00", "PAYMENT 42");
    assertThat(DepositMatcher.match(List.of(c), List.of(payout("p9", "6.00", "42"))).matches()).isEmpty();
  }
}
