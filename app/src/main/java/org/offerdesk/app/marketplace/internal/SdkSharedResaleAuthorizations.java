package org.offerdesk.app.marketplace.internal;

import static org.offerdesk.app.marketplace.internal.SdkCalls.translated;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.marketplace.ResultPage;
import org.offerdesk.app.marketplace.SharedAuthorization;
import org.offerdesk.app.marketplace.SharedResaleAuthorizations;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeEntityResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.EntitySummary;
import software.amazon.awssdk.services.marketplacecatalog.model.ListEntitiesResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.OwnershipType;

/**
 * {@link SharedResaleAuthorizations} through the SDK's Marketplace Catalog client, reading AWS's
 * ResaleAuthorization details document: its Resale*PricingTerm rate cards, BuyerTargetingTerm and
 * AvailabilityRule.
 */
@Component
record SdkSharedResaleAuthorizations(SdkClients clients) implements SharedResaleAuthorizations {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public ResultPage<String> sharedIds(UUID organizationId, String nextToken) {
    ListEntitiesResponse page = translated(() -> clients.catalog(organizationId).listEntities(r -> r
        .catalog(SdkCatalog.CATALOG).entityType("ResaleAuthorization").ownershipType(OwnershipType.SHARED)
        .maxResults(50).nextToken(nextToken)));
    return new ResultPage<>(page.entitySummaryList().stream().map(EntitySummary::entityId).toList(),
        page.nextToken());
  }

  @Override
  public SharedAuthorization describe(UUID organizationId, String resaleAuthorizationId) {
    DescribeEntityResponse e = translated(() -> clients.catalog(organizationId)
        .describeEntity(r -> r.catalog(SdkCatalog.CATALOG).entityId(resaleAuthorizationId)));
    String id = e.entityIdentifier() == null ? resaleAuthorizationId : e.entityIdentifier().split("@")[0];
    try {
      return read(id, JSON.readTree(e.details() == null ? "{}" : e.details()));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("Unreadable details of resale authorization " + id, ex);
    }
  }

  static SharedAuthorization read(String id, JsonNode d) {
    Map<String, String> dimensionNames = new HashMap<>();
    d.path("Dimensions").forEach(dim -> dimensionNames.put(dim.path("Key").asText(), dim.path("Name").asText(null)));
    List<SharedAuthorization.WholesalePrice> prices = new ArrayList<>();
    List<String> buyers = new ArrayList<>();
    String currency = null;
    String duration = null;
    String model = null;
    for (JsonNode term : d.path("Terms")) {
      String type = term.path("Type").asText();
      switch (type) {
        case "ResaleConfigurableUpfrontPricingTerm", "ResaleUsageBasedPricingTerm" -> {
          currency = term.path("CurrencyCode").asText(null);
          model = type.contains("Usage") ? "Usage" : "Contract";
          JsonNode card = term.path("RateCards").path(0);
          if (card.path("Selector").has("Value")) {
            duration = card.path("Selector").path("Value").asText();
          }
          card.path("RateCard").forEach(rate -> prices.add(new SharedAuthorization.WholesalePrice(
              rate.path("DimensionKey").asText(), dimensionNames.get(rate.path("DimensionKey").asText()),
              new BigDecimal(rate.path("Price").asText("0")))));
        }
        case "ResaleFixedUpfrontPricingTerm" -> {
          // One price for the whole grant: it is the wholesale price of the contract, under no dimension.
          currency = term.path("CurrencyCode").asText(null);
          model = "Contract";
          duration = term.path("Duration").asText(null);
          prices.add(new SharedAuthorization.WholesalePrice(null, "Contract", new BigDecimal(
              term.path("Price").asText("0"))));
        }
        case "BuyerTargetingTerm" -> term.path("PositiveTargeting").path("BuyerAccounts").forEach(b ->
            buyers.add(b.isObject() ? b.path("AwsAccountId").asText() : b.asText()));
        default -> { }
      }
    }
    LocalDate endsOn = null;
    Integer max = null;
    for (JsonNode rule : d.path("Rules")) {
      if ("AvailabilityRule".equals(rule.path("Type").asText())) {
        String end = rule.path("AvailabilityEndDate").asText(null);
        endsOn = end == null || end.length() < 10 ? null : LocalDate.parse(end.substring(0, 10));
        max = rule.hasNonNull("OffersMaxQuantity") ? rule.path("OffersMaxQuantity").asInt() : null;
      }
    }
    return new SharedAuthorization(id, d.path("Name").asText(null), d.path("Description").asText(null),
        d.path("ProductId").asText(null), d.path("ProductName").asText(null),
        d.path("ManufacturerAccountId").asText(null), d.path("ManufacturerLegalName").asText(null),
        d.path("Status").asText(null), model, currency, duration, prices, buyers, endsOn, max,
        d.path("OfferDetails").path("OfferCreatedCount").asInt(0));
  }
}
