package org.offerdesk.app.orders.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.orders.RenewalStatus;

/**
 * A renewal as the API and the page show it: the contract value a decimal string beside {@code currency}, the
 * end as a UTC date.
 */
record RenewalView(
    UUID orderId,
    String agreementId,
    String buyerAccountId,
    String productId,
    LocalDate endsOn,
    String contractValue,
    String currency,
    String owner,
    RenewalStatus status,
    String churnReason,
    UUID renewalOfferId,
    UUID renewedByOrderId) {

  static RenewalView of(Renewal r) {
    return new RenewalView(r.id(), r.agreementId(), r.buyerAccountId(), r.productId(), Renewals.day(r.endsAt()),
        MoneyFormat.decimal(r.contractValue()), r.currency(), r.owner(), r.status(), r.churnReason(),
        r.renewalOfferId(), r.renewedByOrderId());
  }

  /** The data of the webhooks {@code agreement.ending} (with {@code daysLeft}) and {@code agreement.ended}. */
  static Map<String, Object> event(Renewal r, int daysLeft) {
    RenewalView v = of(r);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("orderId", v.orderId());
    data.put("agreementId", v.agreementId());
    data.put("buyerAccountId", v.buyerAccountId());
    data.put("productId", v.productId());
    data.put("endsOn", String.valueOf(v.endsOn()));
    data.put("daysLeft", daysLeft);
    data.put("contractValue", v.contractValue());
    data.put("currency", v.currency());
    data.put("owner", v.owner());
    data.put("renewalStatus", v.status().name());
    return data;
  }
}
