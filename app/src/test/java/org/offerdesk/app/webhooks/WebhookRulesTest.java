package org.offerdesk.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The rules of webhooks that need no server: the known event types and their names on the wire. */
class WebhookRulesTest {

  @Test
  void the_known_event_types_are_the_order_agreement_and_money_events_by_their_wire_names() {
    assertThat(WebhookEventType.names()).containsExactly("order.created", "order.registered", "order.provisioned",
        "order.cancelled", "order.ended", "order.amended", "order.booked", "order.entitlements_changed",
        "agreement.ending", "agreement.ended",
        "order.reconciled", "invoice.issued", "invoice.collected", "invoice.overdue", "payout.received");
    assertThat(WebhookEventType.of("order.booked")).contains(WebhookEventType.ORDER_BOOKED);
    assertThat(WebhookEventType.of("*")).isEmpty();
    assertThat(WebhookEventType.of(WebhookEventType.TEST)).isEmpty();
    assertThat(Arrays.stream(WebhookEventType.values()).map(WebhookEventType::type))
        .allMatch(t -> t.matches("[a-z]+\\.[a-z_]+"));
  }

  @Test
  void a_tampered_or_stale_signature_does_not_verify() {
    String secret = "whsec_test";
    java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");
    String body = "{\"id\":\"e1\"}";
    long t = now.getEpochSecond();
    // printf '%s' '1767225600.{"id":"e1"}' | openssl dgst -sha256 -hmac whsec_test
    String v1 = "454f7f9597bf74f9ee7b13eab0ac98e91665e9039d783864ee4129a0f2c9c88f";
    String header = "t=" + t + ",v1=" + v1;
    assertThat(WebhookReceiver.verify(secret, header, body, now)).isTrue();
    assertThat(WebhookReceiver.verify(secret, header, body, now.plus(Duration.ofMinutes(5)))).isTrue();
    assertThat(WebhookReceiver.verify(secret, header, body, now.plus(Duration.ofMinutes(5)).plusSeconds(1))).isFalse();
    assertThat(WebhookReceiver.verify(secret, "t=" + (t + 1) + ",v1=" + v1, body, now)).isFalse();
    assertThat(WebhookReceiver.verify(secret, "t=" + t + ",v1=zz", body, now)).isFalse();
    assertThat(WebhookReceiver.verify(secret, "v1=" + v1, body, now)).isFalse();
  }
}
