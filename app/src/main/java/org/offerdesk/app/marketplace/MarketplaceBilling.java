package org.offerdesk.app.marketplace;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The money side of the seller's agreements on the marketplace (the Agreement API's invoice and billing
 * adjustment operations): the invoices an agreement was billed, and refunds to its buyer. Every call may
 * throw {@link Marketplace.NotConnected}, {@link MarketplaceRejection} or {@link MarketplaceUnreachable}.
 */
public interface MarketplaceBilling {

  /** Every invoice of the agreement the seller is paid by (all pages read), oldest first. */
  List<AgreementInvoice> invoices(UUID organizationId, String agreementId);

  /**
   * Asks the marketplace to refund part of an invoice to the buyer. The marketplace keeps the request under
   * {@code clientToken}: the same token again answers the same adjustment and never refunds twice.
   */
  BillingAdjustment requestAdjustment(UUID organizationId, AdjustmentRequest request);

  /** A billing adjustment as the marketplace now sees it. */
  BillingAdjustment adjustment(UUID organizationId, String agreementId, String adjustmentId);

  /**
   * An invoice of an agreement: {@code type} INVOICE or CREDIT_MEMO; {@code refundable} is what the
   * marketplace still lets the seller refund on it (its maxAdjustmentAmount).
   */
  record AgreementInvoice(String invoiceId, String type, BigDecimal amount, BigDecimal refundable, String currency,
      Instant issuedAt) {}

  /** A refund of {@code amount} on one invoice, for a reason code of {@link #REASONS}. */
  record AdjustmentRequest(String agreementId, String invoiceId, BigDecimal amount, String currency,
      String reasonCode, String description, String clientToken) {}

  /** A billing adjustment: {@code status} PENDING, COMPLETED or VALIDATION_FAILED. */
  record BillingAdjustment(String id, String agreementId, String status, String statusMessage) {}

  /** The reasons the marketplace accepts for a billing adjustment (adjustmentReasonCode). */
  List<String> REASONS = List.of("INCORRECT_TERMS_ACCEPTED", "INCORRECT_METERING", "TEST_ENVIRONMENT_CHARGES",
      "ALTERNATIVE_PROCUREMENT_CHANNEL", "UNINTENDED_RENEWAL", "BUYER_DISSATISFACTION", "OTHER");
}
