package org.offerdesk.app.marketplace.internal;

import static org.offerdesk.app.marketplace.internal.SdkCalls.translated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.marketplace.MarketplaceCatalog;
import org.offerdesk.app.marketplace.ResultPage;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeEntityResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.EntityTypeFilters;
import software.amazon.awssdk.services.marketplacecatalog.model.ListEntitiesResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.OfferFilters;
import software.amazon.awssdk.services.marketplacecatalog.model.OfferTargetingString;
import software.amazon.awssdk.services.marketplacecatalog.model.OwnershipType;
import software.amazon.awssdk.services.marketplacecatalog.model.StartChangeSetRequest;

/** {@link MarketplaceCatalog} through the SDK's Marketplace Catalog client, in the AWSMarketplace catalog. */
@Component
record SdkCatalog(SdkClients clients) implements MarketplaceCatalog {

  static final String CATALOG = "AWSMarketplace";

  @Override
  public String startChangeSet(UUID organizationId, ChangeSetRequest request) {
    StartChangeSetRequest sdk = StartChangeSetRequest.builder()
        .catalog(CATALOG)
        .changeSetName(request.name())
        .clientRequestToken(request.clientRequestToken())
        .changeSet(request.changes().stream().map(SdkCatalog::change).toList())
        .build();
    return translated(() -> clients.catalog(organizationId).startChangeSet(sdk).changeSetId());
  }

  private static software.amazon.awssdk.services.marketplacecatalog.model.Change change(Change c) {
    var entity = software.amazon.awssdk.services.marketplacecatalog.model.Entity.builder().type(c.entityType());
    if (c.entityIdentifier() != null) {
      entity.identifier(c.entityIdentifier());
    }
    var change = software.amazon.awssdk.services.marketplacecatalog.model.Change.builder().changeType(c.changeType()).entity(entity.build()).details(c.details());
    if (c.changeName() != null) {
      change.changeName(c.changeName());
    }
    return change.build();
  }

  @Override
  public ChangeSet changeSet(UUID organizationId, String changeSetId) {
    DescribeChangeSetResponse cs = translated(() -> clients.catalog(organizationId)
        .describeChangeSet(r -> r.catalog(CATALOG).changeSetId(changeSetId)));
    List<ChangeSummary> changes = cs.changeSet().stream().map(c -> new ChangeSummary(c.changeType(),
        c.entity() == null ? null : c.entity().identifier(), c.errorDetailList().stream()
        .map(e -> new ChangeError(e.errorCode(), e.errorMessage())).toList())).toList();
    return new ChangeSet(cs.changeSetId(), status(cs.status()), cs.statusAsString(), cs.failureCodeAsString(),
        cs.failureDescription(), changes);
  }

  private static ChangeSetStatus status(ChangeStatus status) {
    return switch (status == null ? ChangeStatus.UNKNOWN_TO_SDK_VERSION : status) {
      case PREPARING -> ChangeSetStatus.PREPARING;
      case APPLYING -> ChangeSetStatus.APPLYING;
      case SUCCEEDED -> ChangeSetStatus.SUCCEEDED;
      case CANCELLED -> ChangeSetStatus.CANCELLED;
      case FAILED -> ChangeSetStatus.FAILED;
      default -> ChangeSetStatus.UNKNOWN;
    };
  }

  @Override
  public Entity entity(UUID organizationId, String entityId) {
    DescribeEntityResponse e = translated(() -> clients.catalog(organizationId)
        .describeEntity(r -> r.catalog(CATALOG).entityId(entityId)));
    return new Entity(e.entityIdentifier(), e.entityType(), e.details());
  }

  @Override
  public ResultPage<EntitySummary> ownEntities(UUID organizationId, String entityType, String nextToken) {
    return entities(organizationId, entityType, OwnershipType.SELF, nextToken);
  }

  @Override
  public ResultPage<EntitySummary> sharedEntities(UUID organizationId, String entityType, String nextToken) {
    return entities(organizationId, entityType, OwnershipType.SHARED, nextToken);
  }

  private ResultPage<EntitySummary> entities(UUID organizationId, String entityType, OwnershipType ownership,
      String nextToken) {
    ListEntitiesResponse page = translated(() -> clients.catalog(organizationId).listEntities(r -> r.catalog(CATALOG)
        .entityType(entityType).ownershipType(ownership).maxResults(50).nextToken(nextToken)));
    return new ResultPage<>(page.entitySummaryList().stream().map(s -> new EntitySummary(s.entityId(), s.entityType(),
        s.name(), s.visibility())).toList(), page.nextToken());
  }

  @Override
  public Optional<ListPrices> listPrices(UUID organizationId, String productId) {
    EntityTypeFilters publicOffers = EntityTypeFilters.builder().offerFilters(OfferFilters.builder()
        .productId(f -> f.valueList(productId))
        .targeting(f -> f.valueList(OfferTargetingString.NONE))
        .state(f -> f.valueListWithStrings("Released")).build()).build();
    ListEntitiesResponse page = translated(() -> clients.catalog(organizationId).listEntities(r -> r.catalog(CATALOG)
        .entityType("Offer").ownershipType(OwnershipType.SELF).entityTypeFilters(publicOffers).maxResults(1)));
    if (page.entitySummaryList().isEmpty()) {
      return Optional.empty();
    }
    Entity offer = entity(organizationId, page.entitySummaryList().get(0).entityId());
    return Optional.of(listPrices(offer.id(), offer.details()));
  }

  /** The pricing terms of a public offer's details document. */
  static ListPrices listPrices(String offerId, String details) {
    JsonNode d;
    try {
      d = JSON.readTree(details == null ? "{}" : details);
    } catch (IOException e) {
      throw new IllegalStateException("Unreadable details of offer " + offerId, e);
    }
    String currency = null;
    String duration = null;
    Map<String, BigDecimal> upfront = new LinkedHashMap<>();
    Map<String, BigDecimal> usage = new LinkedHashMap<>();
    for (JsonNode term : d.path("Terms")) {
      String type = term.path("Type").asText();
      if (!type.endsWith("PricingTerm")) {
        continue;
      }
      currency = term.path("CurrencyCode").asText(currency);
      for (JsonNode card : term.path("RateCards")) {
        if (duration == null && "Duration".equals(card.path("Selector").path("Type").asText())) {
          duration = card.path("Selector").path("Value").asText(null);
        }
        Map<String, BigDecimal> into = type.startsWith("UsageBased") ? usage : upfront;
        card.path("RateCard").forEach(rate -> into.put(rate.path("DimensionKey").asText(),
            new BigDecimal(rate.path("Price").asText("0"))));
      }
    }
    return new ListPrices(offerId, currency == null ? "USD" : currency, duration == null ? "P12M" : duration,
        Map.copyOf(upfront), Map.copyOf(usage));
  }

  private static final ObjectMapper JSON = new ObjectMapper();
}
