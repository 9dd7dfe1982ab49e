package org.offerdesk.sandbox.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.agreements.Agreement;
import org.offerdesk.sandbox.agreements.AgreementOperations;
import org.offerdesk.sandbox.agreements.Agreements;
import org.offerdesk.sandbox.wire.AwsJson;
import org.offerdesk.sandbox.wire.AwsJsonError;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Agreement API's money operations, in AWS's current service model (newer than SDK 2.40.2):
 * ListAgreementInvoiceLineItems, ListAgreementCharges, BatchCreateBillingAdjustmentRequest,
 * GetBillingAdjustmentRequest and ListBillingAdjustmentRequests. A seller sees the invoices it is paid by
 * (the buyer's for the seller of record, the RESALE ones for a manufacturer) and its own adjustments.
 */
@Component
class AgreementBillingApi implements AgreementOperations {

  static final Set<String> REASONS = Set.of("INCORRECT_TERMS_ACCEPTED", "INCORRECT_METERING", "TEST_ENVIRONMENT_CHARGES",
      "ALTERNATIVE_PROCUREMENT_CHANNEL", "UNINTENDED_RENEWAL", "BUYER_DISSATISFACTION", "OTHER");
  private static final int MAX_ENTRIES = 10;

  private final Agreements agreements;
  private final Invoices invoices;
  private final BillingAdjustments adjustments;
  private final Invoicing invoicing;
  private final Clock clock;

  AgreementBillingApi(Agreements agreements, Invoices invoices, BillingAdjustments adjustments, Invoicing invoicing,
      Clock clock) {
    this.agreements = agreements;
    this.invoices = invoices;
    this.adjustments = adjustments;
    this.invoicing = invoicing;
    this.clock = clock;
  }

  @Override
  public Set<String> operations() {
    return Set.of("ListAgreementInvoiceLineItems", "ListAgreementCharges", "BatchCreateBillingAdjustmentRequest",
        "GetBillingAdjustmentRequest", "ListBillingAdjustmentRequests");
  }

  @Override
  @Transactional
  public JsonNode call(String operation, JsonNode in, Account caller) {
    return switch (operation) {
      case "ListAgreementInvoiceLineItems" -> invoiceLineItems(in, caller);
      case "ListAgreementCharges" -> charges(in, caller);
      case "BatchCreateBillingAdjustmentRequest" -> batchCreate(in, caller);
      case "GetBillingAdjustmentRequest" -> get(in, caller);
      default -> list(in, caller);
    };
  }

  private JsonNode invoiceLineItems(JsonNode in, Account caller) {
    Agreement a = visible(required(in, "agreementId", "MISSING_AGREEMENT_ID"), caller);
    if (!"INVOICE_ID".equals(in.path("groupBy").asText())) {
      throw validation("OTHER", "groupBy must be INVOICE_ID");
    }
    Predicate<Invoice> match = i -> true;
    if (in.hasNonNull("invoiceId")) {
      match = match.and(i -> i.invoiceId().equals(in.get("invoiceId").asText()));
    }
    if (in.hasNonNull("invoiceType")) {
      match = match.and(i -> i.invoiceType().equals(in.get("invoiceType").asText()));
    }
    if (in.has("invoiceBillingPeriod")) {
      int month = in.path("invoiceBillingPeriod").path("month").asInt();
      int year = in.path("invoiceBillingPeriod").path("year").asInt();
      match = match.and(i -> period(i).getMonthValue() == month && period(i).getYear() == year);
    }
    Instant before = AwsJson.time(in, "beforeIssuedTime").orElse(null);
    Instant after = AwsJson.time(in, "afterIssuedTime").orElse(null);
    match = match.and(i -> (before == null || i.issuedAt().isBefore(before)) && (after == null || i.issuedAt().isAfter(after)));
    List<Invoice> found = invoices.ofAgreementPaying(a.agreementId(), caller.id().value()).stream().filter(match).toList();
    ObjectNode out = AwsJson.object();
    ArrayNode items = out.putArray("agreementInvoiceLineItemGroupSummaries");
    page(in, found, out).forEach(i -> {
      ObjectNode s = items.addObject().put("agreementId", a.agreementId()).put("invoiceId", i.invoiceId());
      s.putObject("pricingCurrencyAmount").put("amount", money(i.amount()))
          .put("maxAdjustmentAmount", money(a.proposerAccountId().equals(caller.id().value())
              ? adjustments.maxAdjustment(i) : BigDecimal.ZERO))
          .put("currencyCode", i.currency().trim());
      s.putObject("invoiceBillingPeriod").put("month", period(i).getMonthValue()).put("year", period(i).getYear());
      AwsJson.putTime(s, "issuedTime", i.issuedAt());
      s.put("invoiceType", i.invoiceType());
      s.putObject("invoicingEntity").put("legalName", "Amazon Web Services, Inc.");
    });
    return out;
  }

  private static java.time.LocalDate period(Invoice i) {
    return java.time.LocalDate.ofInstant(i.periodStart() == null ? i.issuedAt() : i.periodStart(), ZoneOffset.UTC);
  }

  /** The agreement's charges: what is billed at acceptance and each installment, as the agreement fixes them. */
  private JsonNode charges(JsonNode in, Account caller) {
    List<Agreement> scope = new ArrayList<>();
    if (in.hasNonNull("agreementId")) {
      scope.add(visible(in.get("agreementId").asText(), caller));
    } else {
      scope.addAll(agreements.ofParty(caller.id().value()));
    }
    List<ObjectNode> charges = new ArrayList<>();
    for (Agreement a : scope) {
      if (!a.privateOffer()) {
        continue;
      }
      boolean proposer = a.proposerAccountId().equals(caller.id().value());
      BigDecimal factor = proposer ? invoicing.priceFactor(a) : BigDecimal.ONE;
      List<Invoicing.Installment> schedule = Invoicing.schedule(a);
      BigDecimal upfront = (a.agreementValue() == null ? BigDecimal.ZERO : a.agreementValue())
          .subtract(schedule.stream().map(Invoicing.Installment::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
      List<Invoicing.Installment> all = new ArrayList<>();
      if (upfront.signum() > 0) {
        all.add(new Invoicing.Installment(a.acceptanceTime(), upfront));
      }
      all.addAll(schedule);
      int n = 0;
      for (Invoicing.Installment i : all) {
        ObjectNode c = AwsJson.object().put("id", "chrg-" + a.agreementId().substring(5) + "-" + (++n)).put("revision", 1)
            .put("agreementId", a.agreementId()).put("agreementType", "PurchaseAgreement")
            .put("currencyCode", a.currencyCode() == null ? "USD" : a.currencyCode())
            .put("amount", money(i.amount().multiply(factor)));
        AwsJson.putTime(c, "time", i.chargeDate());
        charges.add(c);
      }
    }
    ObjectNode out = AwsJson.object();
    ArrayNode items = out.putArray("items");
    page(in, charges, out).forEach(items::add);
    return out;
  }

  private JsonNode batchCreate(JsonNode in, Account caller) {
    JsonNode entries = in.path("billingAdjustmentRequestEntries");
    if (!entries.isArray() || entries.isEmpty()) {
      throw validation("MISSING_BILLING_ADJUSTMENTS", "billingAdjustmentRequestEntries is required");
    }
    if (entries.size() > MAX_ENTRIES) {
      throw validation("BILLING_ADJUSTMENTS_LIMIT_EXCEEDED", "At most " + MAX_ENTRIES + " billing adjustments per request");
    }
    Set<String> agreementIds = new HashSet<>();
    entries.forEach(e -> agreementIds.add(e.path("agreementId").asText()));
    if (agreementIds.size() > 1) {
      throw validation("MULTIPLE_AGREEMENT_IDS", "All billing adjustments of a request must be for one agreement");
    }
    ObjectNode out = AwsJson.object();
    ArrayNode items = out.putArray("items");
    ArrayNode errors = out.putArray("errors");
    for (JsonNode e : entries) {
      String token = e.path("clientToken").asText("");
      try {
        BillingAdjustment made = create(e, caller, token);
        items.addObject().put("billingAdjustmentRequestId", made.id()).put("clientToken", token);
      } catch (EntryRefused refused) {
        errors.addObject().put("code", refused.code).put("message", refused.getMessage()).put("clientToken", token);
      }
    }
    return out;
  }

  /** One entry the batch refuses, with the error code AWS gives it. */
  private static final class EntryRefused extends RuntimeException {
    final String code;

    EntryRefused(String code, String message) {
      super(message);
      this.code = code;
    }
  }

  private BillingAdjustment create(JsonNode e, Account caller, String token) {
    String requester = caller.id().value();
    if (token.isBlank() || token.length() > 64) {
      throw new EntryRefused("VALIDATION_EXCEPTION", "clientToken is required (1 to 64 characters)");
    }
    String agreementId = e.path("agreementId").asText("");
    String invoiceId = e.path("originalInvoiceId").asText("");
    BigDecimal amount;
    try {
      amount = new BigDecimal(e.path("adjustmentAmount").asText(""));
    } catch (NumberFormatException notNumber) {
      throw new EntryRefused("VALIDATION_EXCEPTION", "adjustmentAmount must be a positive decimal amount");
    }
    String currency = e.path("currencyCode").asText("");
    String reason = e.path("adjustmentReasonCode").asText("");
    String description = e.path("description").asText(null);
    var earlier = adjustments.byClientToken(requester, token);
    if (earlier.isPresent()) {
      BillingAdjustment b = earlier.get();
      boolean same = b.agreementId().equals(agreementId) && b.originalInvoiceId().equals(invoiceId)
          && b.amount().compareTo(amount) == 0 && b.currencyCode().equals(currency) && b.reasonCode().equals(reason);
      if (!same) {
        throw new EntryRefused("CONFLICT_EXCEPTION", "clientToken " + token + " was used for another billing adjustment");
      }
      return b;
    }
    Agreement a = agreements.find(agreementId).filter(x -> x.proposerAccountId().equals(requester))
        .orElseThrow(() -> new EntryRefused("RESOURCE_NOT_FOUND_EXCEPTION", "Agreement " + agreementId + " was not found"));
    Invoice invoice = invoices.find(invoiceId)
        .filter(i -> i.agreementId().equals(agreementId) && "PURCHASE".equals(i.invoiceVariant()) && !i.isCreditMemo())
        .orElseThrow(() -> new EntryRefused("RESOURCE_NOT_FOUND_EXCEPTION", "Invoice " + invoiceId + " of agreement "
            + agreementId + " was not found"));
    if (!REASONS.contains(reason)) {
      throw new EntryRefused("VALIDATION_EXCEPTION", "adjustmentReasonCode must be one of " + REASONS);
    }
    if (!currency.equals(invoice.currency().trim())) {
      throw new EntryRefused("VALIDATION_EXCEPTION", "currencyCode must be the invoice's, " + invoice.currency().trim());
    }
    if (amount.signum() <= 0 || amount.scale() > 2) {
      throw new EntryRefused("VALIDATION_EXCEPTION", "adjustmentAmount must be positive, with at most 2 decimals");
    }
    BigDecimal max = adjustments.maxAdjustment(invoice);
    if (amount.compareTo(max) > 0) {
      throw new EntryRefused("VALIDATION_EXCEPTION", "adjustmentAmount " + amount.toPlainString()
          + " exceeds the invoice's maxAdjustmentAmount " + max.toPlainString());
    }
    return adjustments.request(a, invoice, requester, amount, reason, description, token, clock.instant());
  }

  private JsonNode get(JsonNode in, Account caller) {
    String agreementId = required(in, "agreementId", "MISSING_AGREEMENT_ID");
    String id = required(in, "billingAdjustmentRequestId", "OTHER");
    BillingAdjustment b = adjustments.find(id)
        .filter(x -> x.agreementId().equals(agreementId) && x.requesterAccountId().equals(caller.id().value()))
        .orElseThrow(() -> new AwsJsonError("ResourceNotFoundException", "Billing adjustment request " + id + " was not found",
            Map.of("requestId", UUID.randomUUID().toString(), "resourceId", id, "resourceType", "BillingAdjustmentRequest")));
    ObjectNode out = summary(b);
    out.remove("agreementType");
    out.remove("catalog");
    out.put("adjustmentReasonCode", b.reasonCode());
    if (b.description() != null) {
      out.put("description", b.description());
    }
    if (b.statusMessage() != null) {
      out.put("statusMessage", b.statusMessage());
    }
    return out;
  }

  private JsonNode list(JsonNode in, Account caller) {
    Predicate<BillingAdjustment> match = b -> true;
    if (in.hasNonNull("agreementId")) {
      match = match.and(b -> b.agreementId().equals(in.get("agreementId").asText()));
    }
    if (in.hasNonNull("status")) {
      match = match.and(b -> b.status().equals(in.get("status").asText()));
    }
    Instant after = AwsJson.time(in, "createdAfter").orElse(null);
    Instant before = AwsJson.time(in, "createdBefore").orElse(null);
    match = match.and(b -> (after == null || b.createdAt().isAfter(after)) && (before == null || b.createdAt().isBefore(before)));
    List<BillingAdjustment> found = adjustments.ofRequester(caller.id().value()).stream().filter(match).toList();
    ObjectNode out = AwsJson.object();
    ArrayNode items = out.putArray("items");
    page(in, found, out).forEach(b -> items.add(summary(b)));
    return out;
  }

  private static ObjectNode summary(BillingAdjustment b) {
    ObjectNode s = AwsJson.object().put("billingAdjustmentRequestId", b.id()).put("originalInvoiceId", b.originalInvoiceId())
        .put("adjustmentAmount", money(b.amount())).put("currencyCode", b.currencyCode()).put("status", b.status())
        .put("agreementId", b.agreementId());
    AwsJson.putTime(s, "createdAt", b.createdAt());
    AwsJson.putTime(s, "updatedAt", b.updatedAt());
    return s.put("agreementType", "PurchaseAgreement").put("catalog", "AWSMarketplace");
  }

  private Agreement visible(String agreementId, Account caller) {
    return agreements.find(agreementId).filter(a -> a.isPartyTo(caller.id().value()))
        .orElseThrow(() -> new AwsJsonError("ResourceNotFoundException", "Agreement " + agreementId + " was not found",
            Map.of("requestId", UUID.randomUUID().toString(), "resourceId", agreementId, "resourceType", "Agreement")));
  }

  /** One page of {@code all} by maxResults (1 to 100) and an offset token; sets nextToken on {@code out}. */
  private static <T> List<T> page(JsonNode in, List<T> all, ObjectNode out) {
    int max = in.path("maxResults").asInt(50);
    if (max < 1 || max > 100) {
      throw validation("INVALID_MAX_RESULTS", "maxResults must be between 1 and 100");
    }
    int offset;
    try {
      offset = in.hasNonNull("nextToken") ? Integer.parseInt(in.get("nextToken").asText()) : 0;
    } catch (NumberFormatException e) {
      throw validation("INVALID_NEXT_TOKEN", "nextToken is not one the sandbox gave out");
    }
    if (offset < 0) {
      throw validation("INVALID_NEXT_TOKEN", "nextToken is not one the sandbox gave out");
    }
    if (offset + max < all.size()) {
      out.put("nextToken", String.valueOf(offset + max));
    }
    return all.subList(Math.min(offset, all.size()), Math.min(offset + max, all.size()));
  }

  private static String required(JsonNode in, String field, String reason) {
    String value = in.path(field).asText("");
    if (value.isBlank()) {
      throw validation(reason, field + " is required");
    }
    return value;
  }

  static String money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static AwsJsonError validation(String reason, String message) {
    return new AwsJsonError("ValidationException", message, Map.of("requestId", UUID.randomUUID().toString(), "reason", reason));
  }
}
