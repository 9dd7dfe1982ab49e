package org.offerdesk.sandbox.agreements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.wire.AwsJson;
import org.offerdesk.sandbox.wire.AwsJsonError;
import org.offerdesk.sandbox.wire.AwsJsonService;
import org.springframework.stereotype.Component;

/**
 * The Agreement API (awsJson 1.0, {@code AWSMPCommerceService_v20200301}) as SDK 2.40.2 knows it:
 * SearchAgreements as proposer, DescribeAgreement and GetAgreementTerms, plus the {@link AgreementOperations}
 * other parts serve (the invoice, charge and billing-adjustment operations). Timestamps are epoch seconds.
 */
@Component
class AgreementApi implements AwsJsonService {

  private static final Set<String> FILTERS = Set.of("PartyType", "AgreementType", "ResourceType", "ResourceId",
      "ResourceIdentifier", "AcceptorAccountId", "OfferId", "OfferSetId", "Status", "BeforeEndTime", "AfterEndTime");
  private static final String CATALOG = "AWSMarketplace";

  private final Agreements agreements;
  private final List<AgreementOperations> more;

  AgreementApi(Agreements agreements, List<AgreementOperations> more) {
    this.agreements = agreements;
    this.more = more;
  }

  @Override
  public String targetPrefix() {
    return "AWSMPCommerceService_v20200301";
  }

  @Override
  public String jsonVersion() {
    return "1.0";
  }

  @Override
  public JsonNode call(String operation, JsonNode in, Account caller, String path) {
    return switch (operation) {
      case "SearchAgreements" -> search(in, caller);
      case "DescribeAgreement" -> describe(in, caller);
      case "GetAgreementTerms" -> terms(in, caller);
      default -> more.stream().filter(m -> m.operations().contains(operation)).findFirst()
          .orElseThrow(() -> AwsJsonError.of("UnknownOperationException", "The sandbox does not implement " + operation))
          .call(operation, in, caller);
    };
  }

  private JsonNode search(JsonNode in, Account caller) {
    String catalog = in.path("catalog").asText(CATALOG);
    if (!CATALOG.equals(catalog)) {
      throw validation("INVALID_CATALOG", "catalog must be AWSMarketplace");
    }
    Predicate<Agreement> match = a -> true;
    Set<String> named = new java.util.HashSet<>();
    for (JsonNode filter : in.path("filters")) {
      String name = filter.path("name").asText();
      named.add(name);
      if (!FILTERS.contains(name)) {
        throw validation("INVALID_FILTER_NAME", "Unknown filter name " + name);
      }
      JsonNode values = filter.path("values");
      if (values.size() != 1) {
        throw validation("INVALID_FILTER_VALUES", "Filter " + name + " takes exactly one value");
      }
      match = match.and(filter(name, values.get(0).asText()));
    }
    // AWS answers sellers only for the combinations that start with PartyType=Proposer and an AgreementType
    if (!named.contains("PartyType") || !named.contains("AgreementType")) {
      throw validation("UNSUPPORTED_FILTERS", "Search as a seller with the filters PartyType=Proposer and AgreementType");
    }
    JsonNode sort = in.path("sort");
    if (sort.has("sortBy") && !"EndTime".equals(sort.path("sortBy").asText())) {
      throw validation("INVALID_SORT_BY", "Agreements can only be sorted by EndTime");
    }
    String order = sort.path("sortOrder").asText("DESCENDING");
    if (!order.equals("ASCENDING") && !order.equals("DESCENDING")) {
      throw validation("INVALID_SORT_ORDER", "sortOrder is ASCENDING or DESCENDING");
    }
    int max = in.path("maxResults").asInt(50);
    if (max < 1 || max > 50) {
      throw validation("INVALID_MAX_RESULTS", "maxResults must be between 1 and 50");
    }
    int offset = offset(in.path("nextToken").asText(null));
    Comparator<Agreement> byEnd = Comparator.comparing(Agreement::endTime, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Agreement::agreementId);
    List<Agreement> found = agreements.proposedBy(caller.id().value()).stream().filter(match)
        .sorted(order.equals("ASCENDING") ? byEnd : byEnd.reversed())
        .toList();
    ObjectNode out = AwsJson.object();
    ArrayNode summaries = out.putArray("agreementViewSummaries");
    found.stream().skip(offset).limit(max).forEach(a -> {
      ObjectNode s = summaries.addObject().put("agreementId", a.agreementId());
      times(s, a);
      s.put("agreementType", "PurchaseAgreement");
      parties(s, a);
      s.set("proposalSummary", proposal(a));
      s.put("status", a.status().name());
    });
    if (offset + max < found.size()) {
      out.put("nextToken", String.valueOf(offset + max));
    }
    return out;
  }

  private static Predicate<Agreement> filter(String name, String value) {
    return switch (name) {
      case "PartyType" -> {
        if (!value.equals("Proposer")) {
          throw validation("UNSUPPORTED_FILTERS", "The sandbox searches agreements as Proposer only");
        }
        yield a -> true;
      }
      case "AgreementType" -> a -> value.equals("PurchaseAgreement");
      case "ResourceType" -> a -> value.equals("SaaSProduct");
      case "ResourceId", "ResourceIdentifier" -> a -> value.equals(a.productId());
      case "AcceptorAccountId" -> a -> value.equals(a.acceptorAccountId());
      case "OfferId" -> a -> value.equals(a.offerId());
      case "OfferSetId" -> a -> value.equals(a.offerSetId());
      case "Status" -> {
        try {
          AgreementStatus status = AgreementStatus.valueOf(value);
          yield a -> a.status() == status;
        } catch (IllegalArgumentException e) {
          // statuses the sandbox never reaches (ARCHIVED, RENEWED, ROLLED_BACK, SUPERSEDED) match nothing
          yield a -> false;
        }
      }
      case "BeforeEndTime" -> {
        Instant t = instant(value);
        yield a -> a.endTime() != null && a.endTime().isBefore(t);
      }
      case "AfterEndTime" -> {
        Instant t = instant(value);
        yield a -> a.endTime() == null || a.endTime().isAfter(t);
      }
      default -> throw validation("INVALID_FILTER_NAME", "Unknown filter name " + name);
    };
  }

  private JsonNode describe(JsonNode in, Account caller) {
    Agreement a = visible(in, caller);
    ObjectNode out = AwsJson.object().put("agreementId", a.agreementId());
    parties(out, a);
    times(out, a);
    out.put("agreementType", "PurchaseAgreement");
    if (a.currencyCode() != null && a.agreementValue() != null) {
      out.putObject("estimatedCharges").put("currencyCode", a.currencyCode())
          .put("agreementValue", a.agreementValue().toPlainString());
    }
    out.set("proposalSummary", proposal(a));
    out.put("status", a.status().name());
    return out;
  }

  private JsonNode terms(JsonNode in, Account caller) {
    Agreement a = visible(in, caller);
    int max = in.path("maxResults").asInt(50);
    if (max < 1 || max > 50) {
      throw validation("INVALID_MAX_RESULTS", "maxResults must be between 1 and 50");
    }
    int offset = offset(in.path("nextToken").asText(null));
    ObjectNode out = AwsJson.object();
    ArrayNode terms = out.putArray("acceptedTerms");
    int i = 0;
    for (JsonNode term : a.acceptedTerms()) {
      if (i >= offset && i < offset + max) {
        terms.add(term);
      }
      i++;
    }
    if (offset + max < a.acceptedTerms().size()) {
      out.put("nextToken", String.valueOf(offset + max));
    }
    return out;
  }

  private Agreement visible(JsonNode in, Account caller) {
    String id = in.path("agreementId").asText(null);
    if (id == null || id.isBlank()) {
      throw validation("MISSING_AGREEMENT_ID", "agreementId is required");
    }
    if (!id.matches("^[A-Za-z0-9_-]+$") || id.length() > 64) {
      throw validation("INVALID_AGREEMENT_ID", "agreementId " + id + " is not valid");
    }
    return agreements.find(id).filter(a -> a.isPartyTo(caller.id().value()))
        .orElseThrow(() -> new AwsJsonError("ResourceNotFoundException", "Agreement " + id + " was not found",
            Map.of("requestId", UUID.randomUUID().toString(), "resourceId", id, "resourceType", "Agreement")));
  }

  private static void parties(ObjectNode node, Agreement a) {
    node.putObject("acceptor").put("accountId", a.acceptorAccountId());
    node.putObject("proposer").put("accountId", a.proposerAccountId());
  }

  private static void times(ObjectNode node, Agreement a) {
    AwsJson.putTime(node, "acceptanceTime", a.acceptanceTime());
    AwsJson.putTime(node, "startTime", a.startTime());
    AwsJson.putTime(node, "endTime", a.endTime());
  }

  private static ObjectNode proposal(Agreement a) {
    ObjectNode p = AwsJson.object();
    p.putArray("resources").addObject().put("id", a.productId()).put("type", "SaaSProduct");
    p.put("offerId", a.offerId());
    if (a.offerSetId() != null) {
      p.put("offerSetId", a.offerSetId());
    }
    return p;
  }

  private static Instant instant(String value) {
    try {
      return value.matches("^\\d+(\\.\\d+)?$")
          ? Instant.ofEpochMilli(new java.math.BigDecimal(value).movePointRight(3).longValue())
          : Instant.parse(value);
    } catch (RuntimeException e) {
      throw validation("INVALID_FILTER_VALUES", "'" + value + "' is not a time (ISO-8601 or epoch seconds)");
    }
  }

  private static int offset(String token) {
    if (token == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(token);
      if (offset < 0) {
        throw new NumberFormatException();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw validation("INVALID_NEXT_TOKEN", "nextToken is not one the sandbox gave out");
    }
  }

  private static AwsJsonError validation(String reason, String message) {
    return new AwsJsonError("ValidationException", message,
        Map.of("requestId", UUID.randomUUID().toString(), "reason", reason));
  }
}
