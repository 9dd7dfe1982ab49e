package org.offerdesk.app.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/** An exact amount of one currency. Arithmetic refuses to mix currencies. */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
  }

  public static Money of(String amount, String currency) {
    return new Money(new BigDecimal(amount), Currency.getInstance(currency));
  }

  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO.setScale(currency.getDefaultFractionDigits()), currency);
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  public Money times(long quantity) {
    return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  /** Equal in value, whatever the scale: 6000 and 6000.00 are the same money. */
  public boolean sameAs(Money other) {
    return currency.equals(other.currency) && amount.compareTo(other.amount) == 0;
  }

  /** The amount at the currency's usual number of decimals, as marketplaces and invoices show it. */
  public String plain() {
    int digits = Math.max(currency.getDefaultFractionDigits(), 0);
    int needed = Math.max(amount.stripTrailingZeros().scale(), 0);
    return amount.setScale(Math.max(digits, Math.min(needed, 3)), RoundingMode.HALF_UP).toPlainString();
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  @Override
  public String toString() {
    return plain() + " " + currency.getCurrencyCode();
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("Cannot combine " + currency + " with " + other.currency);
    }
  }
}
