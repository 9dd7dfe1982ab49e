package org.offerdesk.app.marketplace;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The seller's catalog on the marketplace (AWS Marketplace Catalog API): change sets that create, edit and
 * end offers, and the entities (offers, products) the account owns. Every call may throw
 * {@link Marketplace.NotConnected}, {@link MarketplaceRejection} or {@link MarketplaceUnreachable}; throttling
 * and transient errors are retried inside before any of them is thrown.
 */
public interface MarketplaceCatalog {

  /** Submits a change set and returns its ID; the same client request token never applies twice. */
  String startChangeSet(UUID organizationId, ChangeSetRequest request);

  /** Where a change set stands, with the errors of each change when it failed. */
  ChangeSet changeSet(UUID organizationId, String changeSetId);

  /** One entity with its details document. */
  Entity entity(UUID organizationId, String entityId);

  /** One page (up to 50) of the entities of a type (such as "Offer", "SaaSProduct") the account owns. */
  ResultPage<EntitySummary> ownEntities(UUID organizationId, String entityType, String nextToken);

  /**
   * One page (up to 50) of the entities of a type shared with the account: for a manufacturer, the offers
   * resellers made on its products; for a reseller, the resale authorizations granted to it.
   */
  ResultPage<EntitySummary> sharedEntities(UUID organizationId, String entityType, String nextToken);

  /**
   * Every entity of a type the account owns, page by page: each page is handed over entity by entity before
   * the next is asked for.
   */
  default void eachOwnEntity(UUID organizationId, String entityType, Consumer<EntitySummary> action) {
    ResultPage.forEach(next -> ownEntities(organizationId, entityType, next), action);
  }

  /**
   * A product's list prices: the pricing terms of its public offer (the released offer on it targeted at
   * nobody). Empty when the product has no public offer.
   */
  Optional<ListPrices> listPrices(UUID organizationId, String productId);

  /**
   * List prices per dimension: {@code upfront} for contract (entitled) dimensions, for {@code duration}
   * (such as "P12M"); {@code usage} per unit of metered dimensions.
   */
  record ListPrices(String offerId, String currency, String duration, Map<String, BigDecimal> upfront,
      Map<String, BigDecimal> usage) {}

  /** A change set to submit: its name, idempotency token and changes in order. */
  record ChangeSetRequest(String name, String clientRequestToken, List<Change> changes) {}

  /**
   * One change: its type (such as "UpdatePricingTerms"), the entity it applies to (type such as "Offer@1.0";
   * identifier null for an entity the change set creates), an optional name that later changes refer to,
   * and its details as a JSON document.
   */
  record Change(String changeType, String entityType, String entityIdentifier, String changeName, String details) {}

  /** A submitted change set. {@code statusText} is the status as the marketplace wrote it. */
  record ChangeSet(String id, ChangeSetStatus status, String statusText, String failureCode,
      String failureDescription, List<ChangeSummary> changes) {}

  /** The lifecycle of a change set; {@code UNKNOWN} for a status this version does not know. */
  enum ChangeSetStatus { PREPARING, APPLYING, SUCCEEDED, CANCELLED, FAILED, UNKNOWN }

  /** One change of a submitted change set, the entity it touched and what the marketplace objected to. */
  record ChangeSummary(String changeType, String entityIdentifier, List<ChangeError> errors) {}

  /** An error the marketplace found in a change. */
  record ChangeError(String code, String message) {}

  /** An entity and its details (a JSON document, or null when the marketplace sent none). */
  record Entity(String id, String type, String details) {}

  /** What a listing of entities tells of each. */
  record EntitySummary(String id, String type, String name, String visibility) {}
}
