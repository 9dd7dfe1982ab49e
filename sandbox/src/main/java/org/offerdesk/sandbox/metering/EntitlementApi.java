package org.offerdesk.sandbox.metering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.agreements.Agreement;
import org.offerdesk.sandbox.agreements.Agreements;
import org.offerdesk.sandbox.catalog.Products;
import org.offerdesk.sandbox.catalog.SaaSProduct;
import org.offerdesk.sandbox.wire.AwsJson;
import org.offerdesk.sandbox.wire.AwsJsonError;
import org.offerdesk.sandbox.wire.AwsJsonService;
import org.springframework.stereotype.Component;

/**
 * The Entitlement API (awsJson 1.1 at SDK 2.40.2, {@code AWSMPEntitlementService}): GetEntitlements of a
 * seller's product from its active agreements, one entitlement per customer and dimension, filtered by
 * CUSTOMER_IDENTIFIER, CUSTOMER_AWS_ACCOUNT_ID or DIMENSION.
 */
@Component
class EntitlementApi implements AwsJsonService {

  private static final Set<String> FILTERS = Set.of("CUSTOMER_IDENTIFIER", "CUSTOMER_AWS_ACCOUNT_ID", "DIMENSION");

  private final Products products;
  private final Agreements agreements;

  EntitlementApi(Products products, Agreements agreements) {
    this.products = products;
    this.agreements = agreements;
  }

  @Override
  public String targetPrefix() {
    return "AWSMPEntitlementService";
  }

  @Override
  public String jsonVersion() {
    return "1.1";
  }

  @Override
  public JsonNode call(String operation, JsonNode in, Account caller, String path) {
    if (!operation.equals("GetEntitlements")) {
      throw MeteringApi.unknown(operation);
    }
    String code = in.path("ProductCode").asText(null);
    SaaSProduct product = products.byProductCode(code == null ? "" : code)
        .filter(p -> p.ownerAccountId().equals(caller.id().value()))
        .orElseThrow(() -> AwsJsonError.of("InvalidParameterException", "Product code " + code + " is not a product of this seller"));
    Map<String, Set<String>> filters = new LinkedHashMap<>();
    in.path("Filter").fields().forEachRemaining(f -> {
      if (!FILTERS.contains(f.getKey())) {
        throw AwsJsonError.of("InvalidParameterException", "Unknown filter " + f.getKey());
      }
      Set<String> values = new HashSet<>();
      f.getValue().forEach(v -> values.add(v.asText()));
      filters.put(f.getKey(), values);
    });
    if (filters.containsKey("CUSTOMER_IDENTIFIER") && filters.containsKey("CUSTOMER_AWS_ACCOUNT_ID")) {
      throw AwsJsonError.of("InvalidParameterException", "CUSTOMER_IDENTIFIER and CUSTOMER_AWS_ACCOUNT_ID can't be used together");
    }
    int max = in.path("MaxResults").asInt(25);
    if (max < 1 || max > 25) {
      throw AwsJsonError.of("InvalidParameterException", "MaxResults must be between 1 and 25");
    }
    int offset;
    try {
      offset = in.hasNonNull("NextToken") ? Integer.parseInt(in.get("NextToken").asText()) : 0;
    } catch (NumberFormatException e) {
      throw AwsJsonError.of("InvalidParameterException", "NextToken is not one the sandbox gave out");
    }

    record Key(String customer, String dimension) {}
    record Total(long quantity, Instant expiration) {}
    Map<Key, Total> totals = new LinkedHashMap<>();
    for (Agreement a : agreements.ofProduct(product.id())) {
      if (!a.isActive()) {
        continue;
      }
      for (Agreement.Entitlement e : a.entitlements()) {
        totals.merge(new Key(a.acceptorAccountId(), e.dimension()), new Total(e.quantity(), a.endTime()),
            (x, y) -> new Total(x.quantity() + y.quantity(), later(x.expiration(), y.expiration())));
      }
    }
    List<ObjectNode> all = new ArrayList<>();
    totals.forEach((key, total) -> {
      String identifier = RegistrationTokens.customerIdentifier(key.customer(), product.productCode());
      if (!matches(filters, "CUSTOMER_IDENTIFIER", identifier) || !matches(filters, "CUSTOMER_AWS_ACCOUNT_ID", key.customer())
          || !matches(filters, "DIMENSION", key.dimension())) {
        return;
      }
      ObjectNode e = AwsJson.object()
          .put("ProductCode", product.productCode())
          .put("Dimension", key.dimension())
          .put("CustomerIdentifier", identifier)
          .put("CustomerAWSAccountId", key.customer());
      e.putObject("Value").put("IntegerValue", total.quantity());
      AwsJson.putTime(e, "ExpirationDate", total.expiration());
      all.add(e);
    });
    ObjectNode out = AwsJson.object();
    ArrayNode list = out.putArray("Entitlements");
    all.stream().skip(offset).limit(max).forEach(list::add);
    if (offset + max < all.size()) {
      out.put("NextToken", String.valueOf(offset + max));
    }
    return out;
  }

  private static boolean matches(Map<String, Set<String>> filters, String name, String value) {
    return !filters.containsKey(name) || filters.get(name).contains(value);
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null || b == null) {
      return null;
    }
    return a.isAfter(b) ? a : b;
  }
}
