package org.offerdesk.app.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The event types an endpoint can subscribe to, by their name on the wire. An endpoint subscribed to
 * {@value #ALL} receives every type, including types added later.
 */
public enum WebhookEventType {
  ORDER_CREATED("order.created"),
  ORDER_REGISTERED("order.registered"),
  ORDER_PROVISIONED("order.provisioned"),
  ORDER_CANCELLED("order.cancelled"),
  ORDER_ENDED("order.ended"),
  ORDER_AMENDED("order.amended"),
  ORDER_BOOKED("order.booked"),
  ORDER_ENTITLEMENTS_CHANGED("order.entitlements_changed"),
  AGREEMENT_ENDING("agreement.ending"),
  AGREEMENT_ENDED("agreement.ended"),
  ORDER_RECONCILED("order.reconciled"),
  INVOICE_ISSUED("invoice.issued"),
  INVOICE_COLLECTED("invoice.collected"),
  INVOICE_OVERDUE("invoice.overdue"),
  PAYOUT_RECEIVED("payout.received");

  /** Subscribes an endpoint to every event type. */
  public static final String ALL = "*";

  /** The ping an admin sends to an endpoint from the console or the API; sent whatever it subscribes to. */
  public static final String TEST = "webhook.test";

  private final String type;

  WebhookEventType(String type) {
    this.type = type;
  }

  /** The name on the wire, for example {@code order.created}. */
  public String type() {
    return type;
  }

  public static Optional<WebhookEventType> of(String type) {
    return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(WebhookEventType::type).toList();
  }
}
