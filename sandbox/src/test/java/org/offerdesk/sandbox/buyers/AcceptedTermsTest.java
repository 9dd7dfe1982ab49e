package org.offerdesk.sandbox.buyers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.offerdesk.sandbox.agreements.Agreement;

/** How an offer's published terms become the terms a buyer accepted, without a database. */
class AcceptedTermsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void anEndDateEndsTheAgreementAtTheLastMillisecondOfThatDay() {
    AcceptedTerms terms = AcceptedTerms.of(List.of(
        json("{\"Type\":\"FixedUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"Price\":\"0\",\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":5}]}"),
        json("{\"Type\":\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\",\"Schedule\":[{\"ChargeDate\":\"2026-04-01\",\"ChargeAmount\":\"100.50\"}]}"),
        json("{\"Type\":\"ValidityTerm\",\"AgreementEndDate\":\"2027-01-31\"}")), Map.of(), NOW);

    assertThat(terms.start()).isEqualTo(NOW);
    assertThat(terms.end()).isEqualTo(Instant.parse("2027-01-31T23:59:59.999Z"));
    assertThat(terms.entitlements()).containsExactly(new Agreement.Entitlement("Seats", 5));
    assertThat(terms.value()).isEqualByComparingTo(new BigDecimal("100.50"));
    assertThat(terms.terms().get(1).path("paymentScheduleTerm").path("schedule").get(0).path("chargeDate").decimalValue())
        .isEqualByComparingTo(new BigDecimal(Instant.parse("2026-04-01T00:00:00Z").getEpochSecond()));
    assertThat(terms.terms().get(2).path("validityTerm").path("agreementEndDate").isNumber()).isTrue();
  }

  @Test
  void aConfigurableTermTakesTheBuyersQuantitiesAndRunsForItsSelectorsDuration() {
    List<JsonNode> offer = List.of(json("{\"Type\":\"ConfigurableUpfrontPricingTerm\",\"CurrencyCode\":\"EUR\",\"RateCards\":[{"
        + "\"Selector\":{\"Type\":\"Duration\",\"Value\":\"P1M\"},\"RateCard\":[{\"DimensionKey\":\"Seats\",\"Price\":\"10\"},"
        + "{\"DimensionKey\":\"PremiumTier\",\"Price\":\"99\"}],\"Constraints\":{\"MultipleDimensionSelection\":\"Allowed\","
        + "\"QuantityConfiguration\":\"Allowed\"}}]}"));
    AcceptedTerms terms = AcceptedTerms.of(offer, Map.of("Seats", 7L), NOW);

    assertThat(terms.end()).isEqualTo(Instant.parse("2026-04-10T12:00:00Z"));
    assertThat(terms.currencyCode()).isEqualTo("EUR");
    assertThat(terms.value()).isEqualByComparingTo("70");
    JsonNode accepted = terms.terms().get(0).path("configurableUpfrontPricingTerm");
    assertThat(accepted.path("rateCards").get(0).path("rateCard").get(0).path("dimensionKey").asText()).isEqualTo("Seats");
    assertThat(accepted.path("configuration").path("dimensions").toString())
        .isEqualTo("[{\"dimensionKey\":\"Seats\",\"dimensionValue\":7}]");
    assertThatThrownBy(() -> AcceptedTerms.of(offer, Map.of("Gold", 1L), NOW)).isInstanceOf(PurchaseRefused.class);
  }
}
