package org.offerdesk.app.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Money's arithmetic, scale and refusals, for any amounts and the currencies offers use. */
class MoneyTest {

  private static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "AUD", "JPY", "KWD");

  @Provide
  Arbitrary<Money> money() {
    return Arbitraries.of(CURRENCIES).flatMap(code -> amounts().map(a -> Money.of(a, code)));
  }

  @Provide
  Arbitrary<BigDecimal> amounts() {
    return Arbitraries.bigDecimals().between(new BigDecimal("-1000000000"), new BigDecimal("1000000000"))
        .ofScale(8).map(BigDecimal::stripTrailingZeros);
  }

  @Property
  void addingThenSubtractingGivesTheSameMoneyBack(@ForAll("money") Money a, @ForAll("amounts") BigDecimal b) {
    Money other = Money.of(b, a.currency());
    assertThat(a.plus(other).minus(other)).isEqualTo(a);
    assertThat(a.plus(other)).isEqualTo(other.plus(a));
    assertThat(a.minus(a)).isEqualTo(Money.zero(a.currency()));
  }

  @Property
  void addsExactlyWhatBigDecimalAdds(@ForAll("money") Money a, @ForAll("amounts") BigDecimal b) {
    assertThat(a.plus(Money.of(b, a.currency())).amount()).isEqualByComparingTo(a.amount().add(b));
    assertThat(a.minus(Money.of(b, a.currency())).amount()).isEqualByComparingTo(a.amount().subtract(b));
  }

  @Property
  void carriesAtLeastTheCurrencysDecimalsAndNeverRoundsOnItsOwn(@ForAll("money") Money m) {
    int digits = m.currency().getDefaultFractionDigits();
    assertThat(m.amount().scale()).isGreaterThanOrEqualTo(digits);
    assertThat(Money.of(m.amount().stripTrailingZeros(), m.currency())).isEqualTo(m);
    assertThat(m.rounded().amount().scale()).isEqualTo(digits);
    assertThat(m.rounded().minus(m).amount().abs())
        .isLessThanOrEqualTo(BigDecimal.ONE.movePointLeft(digits).divide(BigDecimal.valueOf(2)));
  }

  @Property
  void refusesToMixCurrencies(@ForAll("money") Money a, @ForAll("money") Money b) {
    if (a.currency().equals(b.currency())) {
      assertThat(a.plus(b).currency()).isEqualTo(a.currency());
      return;
    }
    assertThatThrownBy(() -> a.plus(b)).isInstanceOf(Money.MixedCurrencies.class);
    assertThatThrownBy(() -> a.minus(b)).isInstanceOf(Money.MixedCurrencies.class);
    assertThatThrownBy(() -> a.compareTo(b)).isInstanceOf(Money.MixedCurrencies.class);
    assertThatThrownBy(() -> Money.sum(a.currency(), Stream.of(a, b))).isInstanceOf(Money.MixedCurrencies.class);
  }

  @Property
  void sumsAStreamInAnyOrder(@ForAll @Size(max = 20) List<@net.jqwik.api.constraints.BigRange(
      min = "-1000000", max = "1000000") BigDecimal> amounts) {
    Currency eur = Currency.getInstance("EUR");
    Money forward = Money.sum(eur, amounts.stream().map(a -> Money.of(a, eur)));
    List<BigDecimal> reversed = new java.util.ArrayList<>(amounts);
    java.util.Collections.reverse(reversed);
    Money backward = Money.sum(eur, reversed.stream().map(a -> Money.of(a, eur)));
    assertThat(forward).isEqualTo(backward);
    assertThat(forward.amount()).isEqualByComparingTo(amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  @Property
  void comparesByValue(@ForAll("money") Money a, @ForAll("amounts") BigDecimal b) {
    Money other = Money.of(b, a.currency());
    assertThat(Integer.signum(a.compareTo(other))).isEqualTo(a.amount().compareTo(other.amount()));
    assertThat(a.isGreaterThan(other)).isEqualTo(other.isLessThan(a));
  }

  @Example
  void scaleFollowsTheCurrency() {
    assertThat(Money.of("12000", "USD").plain()).isEqualTo("12000.00");
    assertThat(Money.of("5000", "JPY").plain()).isEqualTo("5000");
    assertThat(Money.of("1.5", "KWD").plain()).isEqualTo("1.500");
    assertThat(Money.of("0.00012345", "USD").plain()).isEqualTo("0.00012345");
    assertThat(Money.of("0.125", "USD").rounded().plain()).isEqualTo("0.12");
    assertThat(Money.of("1000.5", "JPY").rounded().plain()).isEqualTo("1000");
    assertThat(Money.of("6000", "USD")).isEqualTo(Money.of("6000.000", "USD"));
    assertThat(Money.zero(Currency.getInstance("JPY")).plain()).isEqualTo("0");
    assertThat(Money.of("120.00", "USD").times(100)).isEqualTo(Money.of("12000", "USD"));
    assertThat(Money.sum(Currency.getInstance("USD"), Stream.empty())).isEqualTo(Money.of("0", "USD"));
  }

  @Property
  void groupsAmountsAsDecimalFormatDoes(@ForAll("money") Money m, @ForAll("scales") int scale) {
    BigDecimal amount = new BigDecimal(m.amount().unscaledValue(), scale);
    java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0",
        java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
    format.setMinimumFractionDigits(amount.scale());
    format.setMaximumFractionDigits(amount.scale());
    assertThat(MoneyFormat.grouped(amount)).isEqualTo(format.format(amount));
    assertThat(MoneyFormat.amount(m)).isEqualTo(MoneyFormat.grouped(m.amount()));
  }

  @Provide
  Arbitrary<Integer> scales() {
    return Arbitraries.integers().between(-3, 8);
  }

  @Example
  void formatsThePlainDecimalForMachinesAndTheGroupedAmountForPeople() {
    assertThat(MoneyFormat.decimal(Money.of("12000", "USD"))).isEqualTo("12000.00");
    assertThat(MoneyFormat.display(Money.of("12000", "USD"))).isEqualTo("12,000.00 USD");
    assertThat(MoneyFormat.display(Money.of("1234567", "JPY"))).isEqualTo("1,234,567 JPY");
    assertThat(MoneyFormat.amount(Money.of("-0.00012345", "USD"))).isEqualTo("-0.00012345");
    assertThat(MoneyFormat.amount(Money.of("-1234567.5", "USD"))).isEqualTo("-1,234,567.50");
    assertThat(MoneyFormat.amount(Money.of("999", "USD"))).isEqualTo("999.00");
    assertThat(MoneyFormat.amount(Money.of("100000", "JPY"))).isEqualTo("100,000");
    assertThat(MoneyFormat.display(null)).isEqualTo(MoneyFormat.UNKNOWN);
    assertThat(MoneyFormat.decimal(null)).isNull();
    assertThat(MoneyFormat.cell(null)).isEmpty();
    assertThat(MoneyFormat.display(new BigDecimal("6000.000"), "USD")).isEqualTo("6,000.00 USD");
    assertThat(MoneyFormat.display(new BigDecimal("6000"), null)).isEqualTo(MoneyFormat.UNKNOWN);
  }
}
