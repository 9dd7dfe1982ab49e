package org.offerdesk.app.marketplace.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.marketplace.MarketplaceBilling;
import org.offerdesk.app.marketplace.MarketplaceRejection;
import org.offerdesk.app.marketplace.ResultPage;
import org.springframework.stereotype.Component;

/**
 * {@link MarketplaceBilling} through {@link AgreementJsonCalls}: the request and answer shapes are the
 * Agreement API's service model (ListAgreementInvoiceLineItems, BatchCreateBillingAdjustmentRequest,
 * GetBillingAdjustmentRequest). Amounts travel as decimal strings, times as epoch seconds.
 */
@Component
record SdkBilling(AgreementJsonCalls calls) implements MarketplaceBilling {

  @Override
  public List<AgreementInvoice> invoices(UUID organizationId, String agreementId) {
    List<AgreementInvoice> all = new ArrayList<>();
    ResultPage.forEach(token -> {
      ObjectNode in = calls.object().put("agreementId", agreementId).put("groupBy", "INVOICE_ID").put("maxResults", 100);
      if (token != null) {
        in.put("nextToken", token);
      }
      JsonNode page = calls.call(organizationId, "ListAgreementInvoiceLineItems", in);
      List<AgreementInvoice> items = new ArrayList<>();
      page.path("agreementInvoiceLineItemGroupSummaries").forEach(s -> items.add(invoice(s)));
      return new ResultPage<>(items, page.path("nextToken").asText(null));
    }, all::add);
    return all;
  }

  private static AgreementInvoice invoice(JsonNode s) {
    JsonNode amount = s.path("pricingCurrencyAmount");
    return new AgreementInvoice(s.path("invoiceId").asText(), s.path("invoiceType").asText(null),
        decimal(amount.path("amount")), decimal(amount.path("maxAdjustmentAmount")),
        amount.path("currencyCode").asText(null), time(s.path("issuedTime")));
  }

  @Override
  public BillingAdjustment requestAdjustment(UUID organizationId, AdjustmentRequest r) {
    ObjectNode in = calls.object();
    ObjectNode entry = in.putArray("billingAdjustmentRequestEntries").addObject()
        .put("agreementId", r.agreementId())
        .put("originalInvoiceId", r.invoiceId())
        .put("adjustmentAmount", r.amount().toPlainString())
        .put("currencyCode", r.currency())
        .put("adjustmentReasonCode", r.reasonCode())
        .put("clientToken", r.clientToken());
    if (r.description() != null) {
      entry.put("description", r.description());
    }
    JsonNode out = calls.call(organizationId, "BatchCreateBillingAdjustmentRequest", in);
    for (JsonNode error : out.path("errors")) {
      // the batch answers 200 and names each refused entry: one entry here, so its error is the call's
      String code = error.path("code").asText("VALIDATION_EXCEPTION");
      String message = error.path("message").asText("refused");
      throw new MarketplaceRejection(code + ": " + message, 400, false, true, code, message, null);
    }
    for (JsonNode item : out.path("items")) {
      if (r.clientToken().equals(item.path("clientToken").asText(r.clientToken()))) {
        return new BillingAdjustment(item.path("billingAdjustmentRequestId").asText(), r.agreementId(), "PENDING",
            null);
      }
    }
    throw new MarketplaceRejection("BatchCreateBillingAdjustmentRequest answered neither an item nor an error: " + out,
        502, false, false, null, null, null);
  }

  @Override
  public BillingAdjustment adjustment(UUID organizationId, String agreementId, String adjustmentId) {
    JsonNode out = calls.call(organizationId, "GetBillingAdjustmentRequest",
        calls.object().put("agreementId", agreementId).put("billingAdjustmentRequestId", adjustmentId));
    return new BillingAdjustment(out.path("billingAdjustmentRequestId").asText(adjustmentId), agreementId,
        out.path("status").asText(null), out.path("statusMessage").asText(null));
  }

  private static BigDecimal decimal(JsonNode node) {
    if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
      return null;
    }
    return new BigDecimal(node.asText());
  }

  /** awsJson timestamps are epoch seconds, possibly with a fraction. */
  private static Instant time(JsonNode node) {
    if (!node.isNumber()) {
      return null;
    }
    BigDecimal seconds = node.decimalValue();
    return Instant.ofEpochSecond(seconds.longValue(),
        seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
  }
}
