package org.offerdesk.app.orders.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.marketplace.MarketplaceBilling;
import org.offerdesk.app.marketplace.MarketplaceBilling.AgreementInvoice;
import org.offerdesk.app.marketplace.MarketplaceCalls;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.money.MoneyFormat;
import org.offerdesk.app.web.InputText;
import org.offerdesk.app.web.TokenHash;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds to an order's buyer, asked of the marketplace as a billing adjustment of one of the order's
 * invoices. The request is checked against the invoice as the marketplace has it (it belongs to the order's
 * agreement, same currency, no more than what is still refundable), sent with a client token, and only
 * then recorded, with the order's timeline and the audit log, in one transaction: no network inside it.
 *
 * <p>The client token comes from the caller's Idempotency-Key (or the page form's one-time token): a
 * retried request sends the same token, the marketplace answers the same adjustment, and the refund is
 * recorded once. Without a key each request is a new refund.
 */
@Service
class Refunds {

  /** A refund as asked: amount as a decimal string; currency optional (the invoice's). */
  record Request(String invoiceId, String amount, String currency, String reason, String description) {}

  private static final int MAX_DESCRIPTION = 255;
  /** How long a refund waits for its completion event before the sweep asks the marketplace. */
  static final java.time.Duration EVENT_GRACE = java.time.Duration.ofMinutes(1);

  private final OrderStore orders;
  private final RefundStore refunds;
  private final MarketplaceBilling billing;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Clock clock;

  Refunds(OrderStore orders, RefundStore refunds, MarketplaceBilling billing, AuditLog audit, TransactionTemplate tx,
      Clock clock) {
    this.orders = orders;
    this.refunds = refunds;
    this.billing = billing;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
  }

  List<Refund> ofOrder(UUID organizationId, UUID orderId) {
    return refunds.ofOrder(organizationId, orderId);
  }

  /** The order's invoices as the marketplace has them, with what is still refundable on each. */
  List<AgreementInvoice> invoices(UUID organizationId, UUID orderId) {
    Order order = order(organizationId, orderId);
    return MarketplaceCalls.call("Reading the order's invoices",
        () -> billing.invoices(organizationId, order.agreementId()));
  }

  /**
   * Asks the marketplace to refund, and records the refund: answers it, the same one again for a
   * repeated {@code idempotencyKey}.
   */
  Refund request(Caller caller, UUID orderId, Request r, String idempotencyKey) {
    UUID organizationId = caller.organizationId();
    Order order = order(organizationId, orderId);
    Checked checked = check(r);
    String token = clientToken(organizationId, orderId, idempotencyKey);
    Optional<Refund> earlier = refunds.byClientToken(organizationId, token);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    AgreementInvoice invoice = MarketplaceCalls.call("Reading the order's invoices",
        () -> billing.invoices(organizationId, order.agreementId())).stream()
        .filter(i -> i.invoiceId().equals(checked.invoiceId())).findFirst()
        .orElseThrow(() -> new InvalidInput("invoiceId", "is not an invoice of this order (agreement "
            + order.agreementId() + ")"));
    Money amount = refundable(invoice, checked);
    MarketplaceBilling.BillingAdjustment made = MarketplaceCalls.call("Requesting the refund",
        () -> billing.requestAdjustment(organizationId, new MarketplaceBilling.AdjustmentRequest(order.agreementId(),
            invoice.invoiceId(), amount.amount(), invoice.currency(), checked.reason(), checked.description(), token)));
    Instant now = clock.instant();
    Refund refund = new Refund(UUID.randomUUID(), organizationId, orderId, order.agreementId(), invoice.invoiceId(),
        amount, checked.reason(), checked.description(), token, made.id(), Refund.PENDING, null, caller.describe(),
        now, now);
    return tx.execute(status -> {
      if (!refunds.insert(refund)) {
        return refunds.byClientToken(organizationId, token).or(() -> refunds.byAdjustment(organizationId, made.id()))
            .orElseThrow();
      }
      String detail = MoneyFormat.display(amount) + " on invoice " + invoice.invoiceId() + " (" + checked.reason() + ")";
      orders.record(order, order.status(), "refund requested", detail, caller.describe(), now,
          "order:" + orderId + ":refund:" + made.id() + ":requested");
      audit.record(caller, "order.refund.requested", "order " + orderId,
          detail + ", billing adjustment " + made.id());
      return refund;
    });
  }

  /** The marketplace finished a refund: its status, once, on the refund and in the order's timeline. */
  boolean settled(UUID organizationId, String adjustmentId, String status, String message) {
    Refund refund = refunds.byAdjustment(organizationId, adjustmentId).orElse(null);
    if (refund == null) {
      return false;
    }
    Instant now = clock.instant();
    if (refunds.settle(organizationId, refund.id(), status, message, now)) {
      orders.find(organizationId, refund.orderId()).ifPresent(order -> orders.record(order, order.status(),
          "COMPLETED".equals(status) ? "refund completed" : "refund refused by the marketplace",
          MoneyFormat.display(refund.amount()) + " on invoice " + refund.invoiceId() + (message == null ? "" : ": " + message),
          "marketplace", now, "order:" + refund.orderId() + ":refund:" + adjustmentId + ":" + status));
    }
    return true;
  }

  /**
   * Follows the refunds still pending a while after they were asked (their completion event may be lost, as
   * events are best effort): asks the marketplace for each one's status and settles those it finished. A
   * refund the marketplace cannot be asked about now is asked again at the next sweep.
   */
  void followPending(UUID organizationId) {
    for (Refund refund : refunds.pending(organizationId, clock.instant().minus(EVENT_GRACE))) {
      MarketplaceBilling.BillingAdjustment now;
      try {
        now = billing.adjustment(organizationId, refund.agreementId(), refund.adjustmentRequestId());
      } catch (RuntimeException unreachable) {
        return;
      }
      if (!Refund.PENDING.equals(now.status())) {
        tx.executeWithoutResult(s -> settled(organizationId, refund.adjustmentRequestId(), now.status(),
            now.statusMessage()));
      }
    }
  }

  private Order order(UUID organizationId, UUID orderId) {
    return orders.find(organizationId, orderId).orElseThrow(() -> new NotFound("Order " + orderId));
  }

  /** The request's fields, each checked on its own. */
  private record Checked(String invoiceId, BigDecimal amount, String currency, String reason, String description) {}

  private static Checked check(Request r) {
    List<FieldError> errors = new ArrayList<>();
    String invoiceId = blankToNull(r.invoiceId());
    if (invoiceId == null) {
      errors.add(new FieldError("invoiceId", "is required"));
    } else if (invoiceId.length() > 64 || InputText.refused(invoiceId)) {
      errors.add(new FieldError("invoiceId", "is not an invoice ID"));
    }
    BigDecimal amount = null;
    String amountText = blankToNull(r.amount());
    if (amountText == null) {
      errors.add(new FieldError("amount", "is required"));
    } else {
      try {
        amount = new BigDecimal(amountText);
        if (amount.signum() <= 0) {
          errors.add(new FieldError("amount", "must be more than zero"));
        } else if (amount.stripTrailingZeros().scale() > 2) {
          errors.add(new FieldError("amount", "must have at most 2 decimals"));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("amount", "must be a decimal amount such as 100.00"));
      }
    }
    String currency = blankToNull(r.currency());
    if (currency != null && !currency.matches("[A-Z]{3}")) {
      errors.add(new FieldError("currency", "must be a three-letter currency code such as USD"));
    }
    String reason = blankToNull(r.reason());
    if (reason == null) {
      errors.add(new FieldError("reason", "is required: one of " + String.join(", ", MarketplaceBilling.REASONS)));
    } else if (!MarketplaceBilling.REASONS.contains(reason)) {
      errors.add(new FieldError("reason", "must be one of " + String.join(", ", MarketplaceBilling.REASONS)));
    }
    String description = blankToNull(r.description());
    if (description != null && (description.length() > MAX_DESCRIPTION || InputText.refused(description))) {
      errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION
          + " characters, without control characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return new Checked(invoiceId, amount, currency, reason, description);
  }

  /** The amount, once the invoice says it can be refunded: same currency, at most what is left. */
  private static Money refundable(AgreementInvoice invoice, Checked checked) {
    if ("CREDIT_MEMO".equals(invoice.type())) {
      throw new InvalidInput("invoiceId", "is a credit memo: refund the invoice it credits");
    }
    if (checked.currency() != null && !checked.currency().equals(invoice.currency())) {
      throw new InvalidInput("currency", "must be the invoice's currency, " + invoice.currency());
    }
    Money amount = Money.of(checked.amount(), invoice.currency());
    Money left = Money.of(invoice.refundable() == null ? BigDecimal.ZERO : invoice.refundable(), invoice.currency());
    if (amount.isGreaterThan(left)) {
      throw new InvalidInput("amount", "is more than can still be refunded on invoice " + invoice.invoiceId() + ": "
          + MoneyFormat.display(left));
    }
    return amount;
  }

  /**
   * The marketplace's client token for a request: from the Idempotency-Key when there is one (so a retry
   * asks for the same adjustment), else new. At most 64 characters, as the marketplace allows.
   */
  static String clientToken(UUID organizationId, UUID orderId, String idempotencyKey) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      return "od-" + UUID.randomUUID();
    }
    byte[] hash = TokenHash.bytes(organizationId + "|" + orderId + "|" + idempotencyKey.strip());
    return "od-" + HexFormat.of().formatHex(hash, 0, 24);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
