package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.AgreementTerm;
import org.offerdesk.app.marketplace.MarketplaceRejection;
import org.offerdesk.app.marketplace.MarketplaceUnreachable;
import org.offerdesk.app.marketplace.ResultPage;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.marketplaceagreement.model.AcceptedTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.FixedUpfrontPricingTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.GrantItem;
import software.amazon.awssdk.services.marketplaceagreement.model.PaymentScheduleTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.RenewalTerm;
import software.amazon.awssdk.services.marketplaceagreement.model.RenewalTermConfiguration;
import software.amazon.awssdk.services.marketplaceagreement.model.ScheduleItem;

/** What the SDK answers becomes OfferDesk's types and exceptions, keeping every fact callers read. */
class SdkTranslationTest {

  static AwsServiceException refusal(int status, String code, String message) {
    return AwsServiceException.builder().statusCode(status).message(message + " (Service: X, Status Code: " + status
        + ")").awsErrorDetails(code == null ? null : AwsErrorDetails.builder().errorCode(code).errorMessage(message)
        .build()).build();
  }

  @Test
  void a_refusal_keeps_status_code_message_and_cause() {
    AwsServiceException sdk = refusal(400, "ValidationException", "Bad product");
    assertThatThrownBy(() -> SdkCalls.translated(() -> {
      throw sdk;
    })).isInstanceOfSatisfying(MarketplaceRejection.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.codeOr("error")).isEqualTo("ValidationException");
      assertThat(e.detail()).isEqualTo("Bad product");
      assertThat(e.getMessage()).isEqualTo("ValidationException: " + sdk.getMessage());
      assertThat(e.getCause()).isSameAs(sdk);
      assertThat(e.retryable()).isFalse();
      assertThat(e.unknownOrNotOurs()).isFalse();
      assertThat(e.is("ValidationException")).isTrue();
    });
  }

  @Test
  void throttling_busy_and_server_errors_are_retryable_and_unknown_entities_are_told_apart() {
    assertThat(SdkCalls.refused(refusal(429, "ThrottlingException", "Rate exceeded")).retryable()).isTrue();
    assertThat(SdkCalls.refused(refusal(423, "Locked", "Busy")).retryable()).isTrue();
    assertThat(SdkCalls.refused(refusal(503, null, "Unavailable")).retryable()).isTrue();
    assertThat(SdkCalls.refused(refusal(404, null, "Gone")).unknownOrNotOurs()).isTrue();
    assertThat(SdkCalls.refused(refusal(400, "ResourceNotFoundException", "No such offer")).unknownOrNotOurs())
        .isTrue();
    assertThat(SdkCalls.refused(refusal(403, "AccessDeniedException", "Not yours")).unknownOrNotOurs()).isTrue();
    assertThat(SdkCalls.refused(refusal(403, "UnrecognizedClientException", "Bad key")).unknownOrNotOurs())
        .isFalse();
    MarketplaceRejection plain = SdkCalls.refused(refusal(500, null, "Boom"));
    assertThat(plain.codeOr("500")).isEqualTo("500");
    assertThat(plain.detail()).isEqualTo(plain.getMessage());
  }

  @Test
  void no_answer_is_unreachable() {
    assertThatThrownBy(() -> SdkCalls.translated(() -> {
      throw SdkClientException.create("Connection refused");
    })).isInstanceOf(MarketplaceUnreachable.class).hasMessage("Connection refused");
  }

  @Test
  void accepted_terms_keep_their_order_and_amounts() {
    List<AgreementTerm> terms = new ArrayList<>();
    List.of(AcceptedTerm.builder().fixedUpfrontPricingTerm(FixedUpfrontPricingTerm.builder().currencyCode("EUR")
                .price("0.00").duration("P12M").grants(GrantItem.builder().dimensionKey("Seats").maxQuantity(5).build())
                .build()).build(),
            AcceptedTerm.builder().paymentScheduleTerm(PaymentScheduleTerm.builder().currencyCode("EUR")
                .schedule(ScheduleItem.builder().chargeDate(Instant.parse("2026-01-01T00:00:00Z"))
                    .chargeAmount("1200.50").build()).build()).build(),
            AcceptedTerm.builder().renewalTerm(RenewalTerm.builder().configuration(
                RenewalTermConfiguration.builder().enableAutoRenew(true).build()).build()).build())
        .forEach(t -> terms.addAll(SdkAgreementTerms.of(t)));
    assertThat(terms).containsExactly(
        new AgreementTerm.FixedUpfrontPricing("EUR", new BigDecimal("0.00"), "P12M",
            List.of(new AgreementTerm.Grant("Seats", 5))),
        new AgreementTerm.PaymentSchedule("EUR", List.of(new AgreementTerm.Installment(
            Instant.parse("2026-01-01T00:00:00Z"), new BigDecimal("1200.50")))),
        new AgreementTerm.Renewal(true));
  }

  @Test
  void pages_are_read_until_the_marketplace_sends_no_token() {
    List<String> asked = new ArrayList<>();
    List<Integer> seen = new ArrayList<>();
    ResultPage.forEach(token -> {
      asked.add(String.valueOf(token));
      return token == null ? new ResultPage<>(List.of(1, 2), "p2")
          : token.equals("p2") ? new ResultPage<>(List.of(3), "") : new ResultPage<>(List.<Integer>of(), null);
    }, seen::add);
    assertThat(asked).containsExactly("null", "p2");
    assertThat(seen).containsExactly(1, 2, 3);
  }
}
