package org.offerdesk.app.money;

import java.math.BigDecimal;

/**
 * The one way OfferDesk writes amounts. The API and CSV files carry a plain decimal string with the
 * currency in its own field ("12000.00" and "USD"), so machines read them exactly; pages and emails
 * show people the grouped amount with its currency ("12,000.00 USD"). Templates reach it as
 * {@code #money} (see {@code web.MoneyDialect}); an unknown amount is shown as a dash, never as zero.
 */
public final class MoneyFormat {

  /** What a page shows for an amount nobody knows yet. */
  public static final String UNKNOWN = "—";

  /** The one instance templates use; the class holds no state. */
  public static final MoneyFormat INSTANCE = new MoneyFormat();

  private MoneyFormat() {}

  /** For the API and CSV: the exact amount as a decimal string, or null when unknown. */
  public static String decimal(Money money) {
    return money == null ? null : money.plain();
  }

  /** For CSV cells, where an unknown amount is an empty cell. */
  public static String cell(Money money) {
    return money == null ? "" : money.plain();
  }

  /** For people: "12,000.00 USD", "5,000 JPY", or a dash when unknown. */
  public static String display(Money money) {
    return money == null ? UNKNOWN : amount(money) + " " + money.currency().getCurrencyCode();
  }

  /** For people, the amount alone ("12,000.00"), where the currency stands beside it. */
  public static String amount(Money money) {
    if (money == null) {
      return UNKNOWN;
    }
    // Grouped in English on every server whatever its locale, so the same order reads the same everywhere: the
    // plain decimal with a comma every three digits, as DecimalFormat("#,##0") with the amount's scale writes it
    // (a DecimalFormat made per call was a tenth of a console page's CPU: tables write hundreds of amounts).
    return grouped(money.amount());
  }

  /** {@code amount} exactly, its whole part grouped by threes with commas: "-12,000.50". */
  static String grouped(BigDecimal amount) {
    String plain = amount.scale() < 0 ? amount.setScale(0).toPlainString() : amount.toPlainString();
    int start = plain.charAt(0) == '-' ? 1 : 0;
    int point = plain.indexOf('.');
    int end = point < 0 ? plain.length() : point;
    if (end - start <= 3) {
      return plain;
    }
    StringBuilder out = new StringBuilder(plain.length() + (end - start) / 3);
    out.append(plain, 0, start);
    for (int i = start; i < end; i++) {
      if (i > start && (end - i) % 3 == 0) {
        out.append(',');
      }
      out.append(plain.charAt(i));
    }
    return out.append(plain, end, plain.length()).toString();
  }

  /**
   * For templates holding an amount (a BigDecimal or a decimal string, as views carry it) and its
   * currency code apart: shown as {@link #display(Money)}.
   */
  public static String display(Object amount, String currencyCode) {
    return display(of(amount, currencyCode));
  }

  /** As {@link #display(Object, String)}, the amount alone: shown as {@link #amount(Money)}. */
  public static String amount(Object amount, String currencyCode) {
    return amount(of(amount, currencyCode));
  }

  /** An amount and a currency code read back into Money; null when either is unknown. */
  public static Money of(Object amount, String currencyCode) {
    if (amount == null || currencyCode == null || currencyCode.isBlank()
        || (amount instanceof String s && s.isBlank())) {
      return null;
    }
    BigDecimal value = amount instanceof BigDecimal b ? b : new BigDecimal(amount.toString());
    return Money.of(value, currencyCode);
  }
}
