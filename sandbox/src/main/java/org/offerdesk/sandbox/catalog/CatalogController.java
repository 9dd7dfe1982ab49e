package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.ArrayList;
import org.offerdesk.postgres.BoundedMemo;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.signing.SignatureFilter;
import org.offerdesk.sandbox.wire.AwsErrorResponse;
import org.offerdesk.sandbox.wire.AwsServiceException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The AWS Marketplace Catalog API (REST-JSON), path for path as the SDKs call it. The caller is the
 * account whose key signed the request.
 */
@RestController
class CatalogController {

  private final ChangeSetService changeSets;
  private final ChangeSets changeSetStore;
  private final CatalogEntities entities;
  private final EntityDocuments documents;
  private final EntityListing listing;
  private final Tags tags;
  private final Arns arns;
  private final PublicOffers publicOffers;
  private final ObjectMapper json = new ObjectMapper();
  /** Offers' DescribeEntity answers by entity ID, each with the stored row it was rendered from. */
  private final BoundedMemo<String, DescribedOffer> describedOffers = new BoundedMemo<>(MAX_DESCRIBED_OFFERS);
  private static final int MAX_DESCRIBED_OFFERS = 50_000;

  CatalogController(ChangeSetService changeSets, ChangeSets changeSetStore, CatalogEntities entities, EntityDocuments documents,
      EntityListing listing, Tags tags, Arns arns, PublicOffers publicOffers) {
    this.publicOffers = publicOffers;
    this.changeSets = changeSets;
    this.changeSetStore = changeSetStore;
    this.entities = entities;
    this.documents = documents;
    this.listing = listing;
    this.tags = tags;
    this.arns = arns;
  }

  @PostMapping("/StartChangeSet")
  ObjectNode startChangeSet(@RequestAttribute(SignatureFilter.CALLER) Account caller, @RequestBody(required = false) byte[] body) {
    return started(changeSets.start(caller, parse(body)));
  }

  private ObjectNode started(ChangeSetService.Started started) {
    ObjectNode response = json.createObjectNode();
    response.put("ChangeSetId", started.changeSetId());
    response.put("ChangeSetArn", started.changeSetArn());
    return response;
  }

  @GetMapping("/DescribeChangeSet")
  ObjectNode describeChangeSet(@RequestAttribute(SignatureFilter.CALLER) Account caller,
      @RequestParam(required = false) String catalog, @RequestParam(required = false) String changeSetId) {
    ChangeSet cs = changeSets.describe(caller, catalog, changeSetId);
    ObjectNode r = json.createObjectNode();
    r.put("ChangeSetId", cs.id());
    r.put("ChangeSetArn", arns.changeSet(cs.accountId(), cs.id()));
    r.put("ChangeSetName", cs.name());
    r.put("Intent", cs.intent());
    r.put("StartTime", EntityDocuments.seconds(cs.startTime()));
    r.put("EndTime", EntityDocuments.seconds(cs.endTime()));
    r.put("Status", cs.status().name());
    r.put("FailureCode", cs.failureCode());
    r.put("FailureDescription", cs.failureDescription());
    ArrayNode list = r.putArray("ChangeSet");
    for (ChangeSet.Change c : cs.changes()) {
      ObjectNode summary = list.addObject();
      summary.put("ChangeType", c.changeType());
      ObjectNode entity = summary.putObject("Entity");
      entity.put("Type", c.entityType());
      String identifier = c.resolvedIdentifier() != null && cs.status() == ChangeSetStatus.SUCCEEDED
          ? c.resolvedIdentifier() : c.identifier();
      if (identifier != null) {
        entity.put("Identifier", identifier);
      }
      summary.put("Details", c.details().toString());
      summary.set("DetailsDocument", c.details());
      ArrayNode errors = summary.putArray("ErrorDetailList");
      c.errors().forEach(e -> errors.addObject().put("ErrorCode", e.errorCode()).put("ErrorMessage", e.errorMessage()));
      if (c.changeName() != null) {
        summary.put("ChangeName", c.changeName());
      }
    }
    return r;
  }

  @PostMapping("/ListChangeSets")
  ObjectNode listChangeSets(@RequestAttribute(SignatureFilter.CALLER) Account caller, @RequestBody(required = false) byte[] body) {
    JsonNode request = parse(body);
    ChangeSetService.checkCatalog(request.path("Catalog"));
    int max = request.hasNonNull("MaxResults") ? request.get("MaxResults").asInt() : 20;
    if (max < 1 || max > 20) {
      throw AwsServiceException.validation("MaxResults must be from 1 to 20.");
    }
    List<ChangeSet> matching = changeSetStore.ofAccount(caller.id().value()).stream()
        .filter(ChangeSetQuery.filter(request)).sorted(ChangeSetQuery.order(request)).toList();
    int offset = ChangeSetQuery.offset(request);
    int end = Math.min(matching.size(), offset + max);
    ObjectNode r = json.createObjectNode();
    ArrayNode list = r.putArray("ChangeSetSummaryList");
    for (ChangeSet cs : matching.subList(Math.min(offset, matching.size()), end)) {
      ObjectNode item = list.addObject();
      item.put("ChangeSetId", cs.id());
      item.put("ChangeSetArn", arns.changeSet(cs.accountId(), cs.id()));
      item.put("ChangeSetName", cs.name());
      item.put("StartTime", EntityDocuments.seconds(cs.startTime()));
      item.put("EndTime", EntityDocuments.seconds(cs.endTime()));
      item.put("Status", cs.status().name());
      ArrayNode ids = item.putArray("EntityIdList");
      Set<String> seen = new HashSet<>();
      cs.changes().stream().map(c -> c.resolvedIdentifier() != null ? c.resolvedIdentifier() : c.identifier())
          .filter(id -> id != null && !id.startsWith("$") && seen.add(id)).forEach(ids::add);
      item.put("FailureCode", cs.failureCode());
    }
    if (end < matching.size()) {
      r.put("NextToken", ChangeSetQuery.nextToken(end));
    }
    return r;
  }

  @PatchMapping("/CancelChangeSet")
  ObjectNode cancelChangeSet(@RequestAttribute(SignatureFilter.CALLER) Account caller,
      @RequestParam(required = false) String catalog, @RequestParam(required = false) String changeSetId) {
    return started(changeSets.cancel(caller, catalog, changeSetId));
  }

  /**
   * The call the SDKs make most (a seller's every look at an offer). Its caller and parameters are read from the
   * request itself: Spring's {@code @RequestAttribute} and {@code @RequestParam} resolution (a type conversion
   * and a synthesized annotation each) was a fifth of what the request thread allocated per call.
   */
  @GetMapping("/DescribeEntity")
  ResponseEntity<?> describeEntity(HttpServletRequest request) {
    Account caller = (Account) request.getAttribute(SignatureFilter.CALLER);
    String catalog = request.getParameter("catalog");
    String entityId = request.getParameter("entityId");
    ChangeSetService.checkCatalog(catalog == null ? null : json.getNodeFactory().textNode(catalog));
    checkEntityId(entityId);
    // An offer's answer depends on its stored row alone: it is rendered once per row kept in memory.
    Optional<CatalogEntities.StoredRow> row = entities.keptRow(entityId);
    if (row.isPresent() && row.get().type().equals(EntityType.OFFER.name())) {
      DescribedOffer kept = describedOffers.get(entityId);
      if (kept == null || kept.row() != row.get()) {
        CatalogEntity offer = row.get().entity();
        kept = new DescribedOffer(row.get(), offer.ownerAccountId(), offer.sharedWithAccountId(),
            written(describe(offer)));
        describedOffers.put(entityId, kept);
      }
      checkVisible(caller, entityId, kept.ownerAccountId(), kept.sharedWithAccountId());
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(kept.response());
    }
    return ResponseEntity.ok(describe(visibleEntity(caller, entityId)));
  }

  /**
   * An offer's DescribeEntity answer as the bytes sent (written once, not by the message converter on every
   * call), kept with the stored row it was rendered from; never changed once made.
   */
  private record DescribedOffer(CatalogEntities.StoredRow row, String ownerAccountId, String sharedWithAccountId,
      byte[] response) {}

  private byte[] written(ObjectNode answer) {
    try {
      return json.writeValueAsBytes(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode describe(CatalogEntity entity) {
    ObjectNode r = json.createObjectNode();
    r.put("EntityType", entity.type().versionedName());
    r.put("EntityIdentifier", documents.identifier(entity));
    r.put("EntityArn", documents.arn(entity));
    r.put("LastModifiedDate", EntityDocuments.seconds(entity.lastModified()));
    ObjectNode details = documents.details(entity);
    r.put("Details", details.toString());
    r.set("DetailsDocument", details);
    return r;
  }

  /** The entity if the caller owns it or it is shared with the caller; 404 if unknown, 403 if someone else's. */
  private CatalogEntity visibleEntity(Account caller, String entityId) {
    checkEntityId(entityId);
    CatalogEntity entity = entities.find(entityId).or(() -> publicOffers.find(entityId).map(CatalogEntity.class::cast))
        .orElseThrow(() -> AwsServiceException.notFound("Entity " + entityId + " was not found."));
    checkVisible(caller, entityId, entity.ownerAccountId(), entity.sharedWithAccountId());
    return entity;
  }

  private static void checkEntityId(String entityId) {
    if (entityId == null || entityId.isBlank() || entityId.length() > 255) {
      throw AwsServiceException.validation("entityId is required (1 to 255 characters).");
    }
  }

  private static void checkVisible(Account caller, String entityId, String ownerAccountId, String sharedWithAccountId) {
    String callerId = caller.id().value();
    if (!ownerAccountId.equals(callerId) && !callerId.equals(sharedWithAccountId)) {
      throw AwsServiceException.accessDenied("Account " + callerId + " is not authorized to access entity " + entityId + ".");
    }
  }

  @PostMapping("/ListEntities")
  ObjectNode listEntities(@RequestAttribute(SignatureFilter.CALLER) Account caller, @RequestBody(required = false) byte[] body) {
    return listing.list(caller, parse(body));
  }

  @PostMapping("/BatchDescribeEntities")
  ObjectNode batchDescribeEntities(@RequestAttribute(SignatureFilter.CALLER) Account caller,
      @RequestBody(required = false) byte[] body) {
    JsonNode requests = parse(body).get("EntityRequestList");
    if (requests == null || !requests.isArray() || requests.isEmpty() || requests.size() > 20) {
      throw AwsServiceException.validation("EntityRequestList must contain 1 to 20 entity requests.");
    }
    ObjectNode r = json.createObjectNode();
    ObjectNode found = r.putObject("EntityDetails");
    ObjectNode errors = r.putObject("Errors");
    for (JsonNode request : requests) {
      ChangeSetService.checkCatalog(request.path("Catalog"));
      String id = request.path("EntityId").asText();
      try {
        CatalogEntity entity = visibleEntity(caller, id);
        ObjectNode detail = found.putObject(id);
        detail.put("EntityType", entity.type().versionedName());
        detail.put("EntityArn", documents.arn(entity));
        detail.put("EntityIdentifier", documents.identifier(entity));
        detail.put("LastModifiedDate", EntityDocuments.seconds(entity.lastModified()));
        detail.set("DetailsDocument", documents.details(entity));
      } catch (AwsServiceException e) {
        errors.putObject(id).put("ErrorCode", e.code()).put("ErrorMessage", e.getMessage());
      }
    }
    return r;
  }

  @PostMapping("/TagResource")
  ObjectNode tagResource(@RequestAttribute(SignatureFilter.CALLER) Account caller, @RequestBody(required = false) byte[] body) {
    JsonNode request = parse(body);
    String arn = ownedResource(caller, request);
    List<ChangeSet.Tag> newTags = Tags.parse(request.get("Tags"), "Tags");
    if (newTags.isEmpty()) {
      throw AwsServiceException.validation("Tags must contain 1 to 200 tags.");
    }
    tags.replace(arn, newTags);
    return json.createObjectNode();
  }

  @PostMapping("/UntagResource")
  ObjectNode untagResource(@RequestAttribute(SignatureFilter.CALLER) Account caller, @RequestBody(required = false) byte[] body) {
    JsonNode request = parse(body);
    String arn = ownedResource(caller, request);
    JsonNode keys = request.get("TagKeys");
    if (keys == null || !keys.isArray() || keys.isEmpty() || keys.size() > 200) {
      throw AwsServiceException.validation("TagKeys must contain 1 to 200 keys.");
    }
    List<String> names = new ArrayList<>();
    keys.forEach(k -> names.add(k.asText()));
    tags.remove(arn, names);
    return json.createObjectNode();
  }

  @PostMapping("/ListTagsForResource")
  ObjectNode listTagsForResource(@RequestAttribute(SignatureFilter.CALLER) Account caller,
      @RequestBody(required = false) byte[] body) {
    String arn = ownedResource(caller, parse(body));
    ObjectNode r = json.createObjectNode();
    r.put("ResourceArn", arn);
    ArrayNode list = r.putArray("Tags");
    tags.of(arn).forEach(t -> list.addObject().put("Key", t.key()).put("Value", t.value()));
    return r;
  }

  /** The ARN of an entity or change set the caller owns; 404 otherwise. */
  private String ownedResource(Account caller, JsonNode request) {
    String arn = ChangeSetService.optText(request, "ResourceArn");
    Arns.Parsed parsed = Arns.parse(arn).orElseThrow(() -> AwsServiceException.validation("ResourceArn " + arn + " is not a catalog ARN."));
    String callerId = caller.id().value();
    boolean owned;
    if (parsed.resourceType().equals("ChangeSet")) {
      owned = changeSetStore.find(parsed.resourceId()).filter(cs -> cs.accountId().equals(callerId)).isPresent();
    } else {
      owned = entities.find(parsed.resourceId())
          .filter(e -> e.ownerAccountId().equals(callerId) && e.type().bareName().equals(parsed.resourceType()))
          .isPresent();
    }
    if (!owned || !parsed.accountId().equals(callerId)) {
      throw AwsServiceException.notFound("Resource " + arn + " was not found.");
    }
    return arn;
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return json.createObjectNode();
    }
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw AwsServiceException.validation("The request body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw AwsServiceException.validation("The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw AwsServiceException.validation("The request body could not be read.");
    }
  }

  @ExceptionHandler(AwsServiceException.class)
  ResponseEntity<ObjectNode> awsError(AwsServiceException e) {
    return AwsErrorResponse.entity(e);
  }

  @ExceptionHandler(org.springframework.web.bind.MissingRequestValueException.class)
  ResponseEntity<ObjectNode> missingValue(Exception e) {
    return AwsErrorResponse.entity(AwsServiceException.validation(e.getMessage()));
  }
}
