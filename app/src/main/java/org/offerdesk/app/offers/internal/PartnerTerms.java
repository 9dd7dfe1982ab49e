package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.offers.ResellerDeal;

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

  /** The deal for the quantities bought: a dimension not bought counts nothing, the whole contract once. */
  ResellerDeal deal(Map<String, Long> quantities) {
    BigDecimal wholesale = BigDecimal.ZERO;
    BigDecimal buyer = BigDecimal.ZERO;
    for (Wholesale w : wholesalePrices) {
      Long q = w.dimensionKey() == null ? Long.valueOf(1) : quantities.get(w.dimensionKey());
      if (q != null && q > 0) {
        wholesale = wholesale.add(w.price().setScale(digits(), RoundingMode.HALF_UP).multiply(BigDecimal.valueOf(q)));
        buyer = buyer.add(buyerPrice(w.price()).multiply(BigDecimal.valueOf(q)));
      }
    }
    return new ResellerDeal(plain(markupPercent), Money.of(wholesale, currency), Money.of(buyer, currency),
        Money.of(buyer.subtract(wholesale), currency));
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
