package org.offerdesk.sandbox.agreements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.agreements.Agreements.Condition;
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
    List<Condition> conditions = new ArrayList<>();
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
      conditions.add(filter(name, values.get(0).asText()));
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
    // one row past the page says whether another follows
    List<Agreement> found = agreements.proposedBy(caller.id().value(), conditions, order.equals("ASCENDING"), offset,
        max + 1);
    ObjectNode out = AwsJson.object();
    ArrayNode summaries = out.putArray("agreementViewSummaries");
    found.stream().limit(max).forEach(a -> {
      ObjectNode s = summaries.addObject().put("agreementId", a.agreementId());
      times(s, a);
      s.put("agreementType", "PurchaseAgreement");
      parties(s, a);
      s.set("proposalSummary", proposal(a));
      s.put("status", a.status().name());
    });
    if (found.size() > max) {
      out.put("nextToken", String.valueOf(offset + max));
    }
    return out;
  }

  /** The filter as a condition on the agreement's columns (the sandbox's agreements are all SaaS purchases). */
  private static Condition filter(String name, String value) {
    return switch (name) {
      case "PartyType" -> {
        if (!value.equals("Proposer")) {
          throw validation("UNSUPPORTED_FILTERS", "The sandbox searches agreements as Proposer only");
        }
        yield Condition.ALL;
      }
      case "AgreementType" -> value.equals("PurchaseAgreement") ? Condition.ALL : Condition.NONE;
      case "ResourceType" -> value.equals("SaaSProduct") ? Condition.ALL : Condition.NONE;
      case "ResourceId", "ResourceIdentifier" -> Condition.of("product_id = ?", value);
      case "AcceptorAccountId" -> Condition.of("acceptor_account_id = ?", value);
      case "OfferId" -> Condition.of("offer_id = ?", value);
      case "OfferSetId" -> Condition.of("offer_set_id = ?", value);
      case "Status" -> {
        try {
          yield Condition.of("status = ?", AgreementStatus.valueOf(value).name());
        } catch (IllegalArgumentException e) {
          // statuses the sandbox never reaches (ARCHIVED, RENEWED, ROLLED_BACK, SUPERSEDED) match nothing
          yield Condition.NONE;
        }
      }
      // end times are stored to the microsecond: before t is before t rounded up to one, after t after t rounded down
      case "BeforeEndTime" -> Condition.of("end_time < ?", Timestamp.from(microsUp(instant(value))));
      case "AfterEndTime" -> Condition.of("(end_time IS NULL OR end_time > ?)",
          Timestamp.from(instant(value).truncatedTo(ChronoUnit.MICROS)));
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

  private static Instant microsUp(Instant t) {
    Instant down = t.truncatedTo(ChronoUnit.MICROS);
    return down.equals(t) ? t : down.plus(1, ChronoUnit.MICROS);
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
