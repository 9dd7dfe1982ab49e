package org.offerdesk.app.marketplace.internal;

import static org.offerdesk.app.marketplace.internal.SdkCalls.translated;

import java.util.List;
import java.util.UUID;
import org.offerdesk.app.marketplace.MarketplaceCatalog;
import org.offerdesk.app.marketplace.ResultPage;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.DescribeEntityResponse;
import software.amazon.awssdk.services.marketplacecatalog.model.ListEntitiesResponse;
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
    ListEntitiesResponse page = translated(() -> clients.catalog(organizationId).listEntities(r -> r.catalog(CATALOG)
        .entityType(entityType).ownershipType(OwnershipType.SELF).maxResults(50).nextToken(nextToken)));
    return new ResultPage<>(page.entitySummaryList().stream().map(s -> new EntitySummary(s.entityId(), s.entityType(),
        s.name(), s.visibility())).toList(), page.nextToken());
  }
}
