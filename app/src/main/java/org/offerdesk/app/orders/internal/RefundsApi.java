package org.offerdesk.app.orders.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.money.MoneyFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Refunds of an order through the API: {@code POST /api/v1/orders/{id}/refunds} with {@code invoiceId},
 * {@code amount}, {@code reason} (a marketplace reason code), optional {@code currency} and
 * {@code description}; send an {@code Idempotency-Key} so that a retry never refunds twice.
 */
@RestController
@RequestMapping("/api/v1/orders/{id}/refunds")
@Tag(name = "Orders")
class RefundsApi {

  /** A refund as the API shows it: the amount as a decimal string beside its currency. */
  record RefundView(UUID id, UUID orderId, String agreementId, String invoiceId, String amount, String currency,
      String reason, String description, String billingAdjustmentRequestId, String status, String statusMessage,
      String requestedBy, Instant requestedAt, Instant updatedAt) {

    static RefundView of(Refund r) {
      return new RefundView(r.id(), r.orderId(), r.agreementId(), r.invoiceId(), MoneyFormat.decimal(r.amount()),
          r.amount().currency().getCurrencyCode(), r.reasonCode(), r.description(), r.adjustmentRequestId(),
          r.status(), r.statusMessage(), r.requestedBy(), r.requestedAt(), r.updatedAt());
    }
  }

  /** The refunds of one order, oldest first. */
  record RefundList(List<RefundView> items) {}

  private final Refunds refunds;
  private final OrderStore orders;

  RefundsApi(Refunds refunds, OrderStore orders) {
    this.refunds = refunds;
    this.orders = orders;
  }

  @PostMapping
  @PreAuthorize("hasAuthority('FINANCE_EDIT')")
  ResponseEntity<RefundView> request(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody Refunds.Request body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    Refund refund = refunds.request(caller, id, body, idempotencyKey);
    return ResponseEntity.created(URI.create("/api/v1/orders/" + id + "/refunds/" + refund.id()))
        .body(RefundView.of(refund));
  }

  @GetMapping
  @PreAuthorize("hasAuthority('ORDERS_VIEW')")
  RefundList list(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    orders.find(caller.organizationId(), id).orElseThrow(() -> new org.offerdesk.app.errors.NotFound("Order " + id));
    return new RefundList(refunds.ofOrder(caller.organizationId(), id).stream().map(RefundView::of).toList());
  }
}
