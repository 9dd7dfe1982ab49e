package org.offerdesk.app.marketplace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.offerdesk.app.marketplace.MarketplaceRejection;

/** How an AWS JSON 1.0 error answer of the Agreement API becomes a {@link MarketplaceRejection}. */
class AgreementJsonCallsTest {

  final AgreementJsonCalls calls = new AgreementJsonCalls(null);

  @Test
  void the_code_is_the_type_without_its_namespace_and_the_message_is_kept() {
    MarketplaceRejection r = calls.rejection(400,
        "{\"__type\":\"com.amazonaws.marketplace#ValidationException\",\"message\":\"amount too high\"}", null);
    assertThat(r.codeOr("none")).isEqualTo("ValidationException");
    assertThat(r.detail()).isEqualTo("amount too high");
    assertThat(r.retryable()).isFalse();
    assertThat(r.unknownOrNotOurs()).isFalse();
  }

  @Test
  void the_header_names_the_error_when_the_body_does_not_and_throttling_is_retried() {
    MarketplaceRejection r = calls.rejection(400, "<html>busy</html>",
        "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/");
    assertThat(r.codeOr("none")).isEqualTo("ThrottlingException");
    assertThat(r.retryable()).isTrue();
  }

  @Test
  void an_answer_without_any_error_name_keeps_its_status_and_text() {
    MarketplaceRejection r = calls.rejection(503, "Service Unavailable", null);
    assertThat(r.codeOr("none")).isEqualTo("none");
    assertThat(r.getMessage()).isEqualTo("HTTP 503: Service Unavailable");
    assertThat(r.retryable()).isTrue();
    assertThat(calls.rejection(404, "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"no\"}", null)
        .unknownOrNotOurs()).isTrue();
  }
}
