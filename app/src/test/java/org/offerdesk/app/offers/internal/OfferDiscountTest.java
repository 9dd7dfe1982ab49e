package org.offerdesk.app.offers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.approvals.ApprovalSubject.Discount;
import org.offerdesk.app.marketplace.MarketplaceCatalog.ListPrices;
import org.offerdesk.app.offers.internal.OfferTerms.PricedDimension;
import org.offerdesk.app.offers.internal.OfferTerms.PricingModel;

/** The discount an approval rule reads: off the list prices of the product's public offer, for the same term. */
class OfferDiscountTest {

  static final OfferApprovals.Pricing LIST = new OfferApprovals.Pricing(new ListPrices("offer-public", "USD", "P12M",
      Map.of("Seats", new BigDecimal("120.00")), Map.of("ApiCalls", new BigDecimal("0.10"))), null, true);

  static OfferTerms terms(String currency, PricingModel model, Integer months, LocalDate start, LocalDate end,
      PricedDimension... dimensions) {
    return new OfferTerms("prod-1", "Acme", null, List.of("777788889999"), currency, model, List.of(dimensions),
        months, start, end, List.of(), null, null, null, false, null);
  }

  static Discount discount(OfferTerms t, OfferApprovals.Pricing pricing) {
    return OfferApprovals.discount(t, OfferApprovals.months(t), pricing);
  }

  @Test
  void contract_prices_are_compared_with_the_list_price_for_the_same_months() {
    Discount year = discount(terms("USD", PricingModel.CONTRACT, 12, null, null,
        new PricedDimension("Seats", 100L, new BigDecimal("90.00"))), LIST);
    assertThat(year.percent()).isEqualByComparingTo("25.00");
    assertThat(year.listValue().plain()).isEqualTo("12000.00");

    // Two years at 180.00 a seat: list is 240.00 for 24 months, so also 25% off.
    Discount twoYears = discount(terms("USD", PricingModel.CONTRACT, 24, null, null,
        new PricedDimension("Seats", 10L, new BigDecimal("180.00"))), LIST);
    assertThat(twoYears.percent()).isEqualByComparingTo("25.00");

    // A year of service dates, at list price: no discount.
    Discount dated = discount(terms("USD", PricingModel.CONTRACT, null, LocalDate.of(2027, 1, 1),
        LocalDate.of(2027, 12, 31), new PricedDimension("Seats", 5L, new BigDecimal("120.00"))), LIST);
    assertThat(dated.percent()).isEqualByComparingTo("0");
  }

  @Test
  void usage_prices_are_compared_per_unit() {
    Discount usage = discount(terms("USD", PricingModel.USAGE, 12, null, null,
        new PricedDimension("ApiCalls", null, new BigDecimal("0.08"))), LIST);
    assertThat(usage.percent()).isEqualByComparingTo("20.00");
  }

  @Test
  void a_discount_that_cannot_be_computed_says_why() {
    assertThat(discount(terms("EUR", PricingModel.CONTRACT, 12, null, null,
        new PricedDimension("Seats", 1L, new BigDecimal("1.00"))), LIST).unknownBecause())
        .isEqualTo("the list prices are in USD, the offer in EUR");
    assertThat(discount(terms("USD", PricingModel.CONTRACT, 12, null, null,
        new PricedDimension("PremiumTier", 1L, new BigDecimal("1.00"))), LIST).unknownBecause())
        .isEqualTo("no list price or no offer price for PremiumTier");
    assertThat(discount(terms("USD", PricingModel.CONTRACT, 12, null, null),
        new OfferApprovals.Pricing(null, "the listing has no public offer with list prices", true)).known())
        .isFalse();
  }
}
