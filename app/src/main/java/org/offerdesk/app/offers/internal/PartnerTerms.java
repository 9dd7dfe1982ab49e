package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

/**
 * What a partner (CPPO) offer adds to an offer: the resale authorization it is built on, the ISV's wholesale
 * price per dimension as the authorization stated it, and the reseller's markup. The buyer pays the
 * wholesale price plus the markup; the reseller keeps the difference.
 */
record PartnerTerms(String resaleAuthorizationId, String isvAccountId, String isvName, String currency,
    String duration, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal markupPercent,
    List<Wholesale> wholesalePrices) {

  static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  PartnerTerms {
    wholesalePrices = wholesalePrices == null ? List.of() : List.copyOf(wholesalePrices);
  }

  /** The ISV's price for one unit of a dimension (no key: the whole contract). */
  record Wholesale(String dimensionKey, String dimensionName,
      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price) {}

  /** The buyer's price of a wholesale price: plus the markup, rounded to the currency's cents. */
  BigDecimal buyerPrice(BigDecimal wholesale) {
    return wholesale.add(wholesale.multiply(markupPercent).divide(HUNDRED)).setScale(digits(), RoundingMode.HALF_UP);
  }

  /** What the reseller keeps of a wholesale price: the buyer's price less the wholesale price. */
  BigDecimal margin(BigDecimal wholesale) {
    return buyerPrice(wholesale).subtract(wholesale.setScale(digits(), RoundingMode.HALF_UP));
  }

  /** A percentage as people write it: "10.0", "7.25", never "1E+1". */
  static BigDecimal plain(BigDecimal percent) {
    BigDecimal stripped = percent.stripTrailingZeros();
    return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
  }

  PartnerTerms withMarkup(BigDecimal markup) {
    return new PartnerTerms(resaleAuthorizationId, isvAccountId, isvName, currency, duration, markup, wholesalePrices);
  }

  private int digits() {
    try {
      return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }
}
