package org.offerdesk.app.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Backoff, signatures and the delivery lifecycle, without a server. */
class WebhookInternalsTest {

  @Test
  void twelve_attempts_span_about_a_day() {
    WebhookDelivery delivery = new WebhookDelivery(null, null, null, null, null);
    assertThat(delivery.maxAttempts()).isEqualTo(12);
    Duration total = IntStream.range(1, delivery.maxAttempts()).mapToObj(delivery::retryDelay)
        .reduce(Duration.ZERO, Duration::plus);
    // The worker adds up to 20% jitter to each wait: from 23.8 to 28.6 hours.
    assertThat(total).isBetween(Duration.ofHours(23), Duration.ofHours(25));
    assertThat(delivery.retryDelay(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(delivery.retryDelay(11)).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void the_signature_header_is_the_documented_hmac() {
    assertThat(Signatures.header("whsec_test", 1767225600L, "{\"id\":\"e1\"}"))
        .isEqualTo("t=1767225600,v1=454f7f9597bf74f9ee7b13eab0ac98e91665e9039d783864ee4129a0f2c9c88f");
    String secret = Signatures.newSecret();
    assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
    assertThat(Signatures.newSecret()).isNotEqualTo(secret);
    assertThat(Signatures.hint(secret)).isEqualTo("whsec_…" + secret.substring(secret.length() - 4));
  }

  @Test
  void a_delivery_moves_through_its_states_and_only_a_redeliver_reopens_a_delivered_one() {
    assertThat(DeliveryStatus.after(true, false)).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(DeliveryStatus.after(false, false)).isEqualTo(DeliveryStatus.RETRYING);
    assertThat(DeliveryStatus.after(false, true)).isEqualTo(DeliveryStatus.FAILED);
    assertThat(DeliveryStatus.PENDING.canMoveTo(DeliveryStatus.DELIVERED)).isTrue();
    assertThat(DeliveryStatus.RETRYING.canMoveTo(DeliveryStatus.FAILED)).isTrue();
    assertThat(DeliveryStatus.FAILED.canMoveTo(DeliveryStatus.PENDING)).isTrue();
    assertThat(DeliveryStatus.DELIVERED.canMoveTo(DeliveryStatus.PENDING)).isTrue();
    assertThat(DeliveryStatus.DELIVERED.canMoveTo(DeliveryStatus.RETRYING)).isFalse();
    assertThat(DeliveryStatus.DELIVERED.canMoveTo(DeliveryStatus.FAILED)).isFalse();
  }
}
