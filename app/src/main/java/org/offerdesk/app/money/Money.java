package org.offerdesk.app.money;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An exact amount of one ISO currency. Every price, contract value, booking total and finance amount is
 * one of these, never a bare BigDecimal beside a currency string.
 *
 * <p>The amount is kept exact and never rounded behind the caller's back: it carries at least the
 * currency's usual number of decimals (USD 12000 is 12000.00, JPY 5000 stays 5000) and more only when it
 * has them (a usage price of 0.00012345 USD per unit keeps all eight). So two equal amounts are equal
 * records whatever scale they arrived with. {@link #rounded()} gives the amount in the currency's minor
 * unit, for what is actually charged or paid. Arithmetic and comparison refuse to mix currencies.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, Currency currency)
    implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    amount = atCurrencyScale(amount, currency);
  }

  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  public static Money of(BigDecimal amount, String currencyCode) {
    return new Money(amount, Currency.getInstance(currencyCode));
  }

  public static Money of(String amount, String currencyCode) {
    return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
  }

  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /** The total of the amounts, all in {@code currency}; zero when there are none. */
  public static Money sum(Currency currency, Stream<Money> amounts) {
    return amounts.collect(summing(currency));
  }

  /** A collector that adds amounts of {@code currency}, refusing any other currency. */
  public static Collector<Money, ?, Money> summing(Currency currency) {
    return Collectors.reducing(zero(currency), Money::plus);
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  /** This amount per unit, times a number of units. */
  public Money times(long quantity) {
    return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
  }

  public Money negate() {
    return new Money(amount.negate(), currency);
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /** Equal in value: kept for callers that compare amounts read with different scales. */
  public boolean sameAs(Money other) {
    return equals(other);
  }

  /** The amount in the currency's minor unit (cents, or whole yen), half-even as accountants round. */
  public Money rounded() {
    int digits = fractionDigits(currency);
    return amount.scale() <= digits ? this
        : new Money(amount.setScale(digits, RoundingMode.HALF_EVEN), currency);
  }

  /** The amount as a plain decimal string ("12000.00", "5000" for yen), as the API and CSV carry it. */
  public String plain() {
    return amount.toPlainString();
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  public boolean isLessThan(Money other) {
    return compareTo(other) < 0;
  }

  @Override
  public String toString() {
    return plain() + " " + currency.getCurrencyCode();
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new MixedCurrencies(currency, other.currency);
    }
  }

  private static BigDecimal atCurrencyScale(BigDecimal amount, Currency currency) {
    int scale = Math.max(fractionDigits(currency), Math.max(amount.stripTrailingZeros().scale(), 0));
    return amount.setScale(scale, RoundingMode.UNNECESSARY);
  }

  /** The currency's usual decimals; pseudo-currencies without one (XAU) count as none. */
  private static int fractionDigits(Currency currency) {
    return Math.max(currency.getDefaultFractionDigits(), 0);
  }

  /** Amounts of two currencies were added, subtracted or compared: a bug, never a conversion. */
  public static final class MixedCurrencies extends IllegalArgumentException {
    MixedCurrencies(Currency a, Currency b) {
      super("Cannot combine " + a.getCurrencyCode() + " with " + b.getCurrencyCode());
    }
  }
}
