package org.offerdesk.sandbox.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A seller's request to give a buyer money back on an invoice (a refund), as the Agreement API's
 * BatchCreateBillingAdjustmentRequest makes it: PENDING until the marketplace completes it.
 */
record BillingAdjustment(
    String id, String agreementId, String originalInvoiceId, String requesterAccountId, BigDecimal amount,
    String currencyCode, String reasonCode, String description, String clientToken, String status,
    String statusMessage, Instant createdAt, Instant updatedAt) {}
