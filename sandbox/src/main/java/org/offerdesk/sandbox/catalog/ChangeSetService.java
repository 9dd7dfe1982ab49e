package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.faults.Faults;
import org.offerdesk.sandbox.signing.SigV4;
import org.offerdesk.sandbox.wire.AwsServiceException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * StartChangeSet, DescribeChangeSet's lookup and CancelChangeSet: the synchronous side of change sets.
 * Malformed requests are refused here with 422; business rules are left to {@link ChangeSetProcessor}.
 */
@Service
public class ChangeSetService {

  private static final Pattern CATALOG = Pattern.compile("^[a-zA-Z]+$");
  private static final Pattern CHANGE_SET_NAME = Pattern.compile("^[\\w\\s+=.:@-]+$");
  private static final Pattern CHANGE_TYPE = Pattern.compile("^[A-Z][\\w]*$");
  private static final Pattern CHANGE_NAME = Pattern.compile("^[a-zA-Z0-9_]+$");
  private static final Pattern IDENTIFIER = Pattern.compile("^[\\w\\-@]+$");
  private static final Pattern REFERENCE = Pattern.compile("^\\$([a-zA-Z0-9_]+)\\.Entity\\.Identifier$");
  private static final Pattern TOKEN = Pattern.compile("^[!-~]+$");

  private final ChangeSets changeSets;
  private final CatalogEntities entities;
  private final EntityIds ids;
  private final Tags tags;
  private final Arns arns;
  private final Clock clock;
  private final Faults faults;
  private final TransactionTemplate tx;
  private final ObjectMapper json = new ObjectMapper();
  private final Duration delay;
  private final int maxRunning;

  ChangeSetService(ChangeSets changeSets, CatalogEntities entities, EntityIds ids, Tags tags, Arns arns, Clock clock,
      Faults faults, TransactionTemplate tx, @Value("${offerdesk.sandbox.change-set.delay:1s}") Duration delay,
      @Value("${offerdesk.sandbox.change-set.max-running:1000}") int maxRunning) {
    this.changeSets = changeSets;
    this.entities = entities;
    this.ids = ids;
    this.tags = tags;
    this.arns = arns;
    this.clock = clock;
    this.faults = faults;
    this.tx = tx;
    this.delay = delay;
    this.maxRunning = maxRunning;
  }

  /** What StartChangeSet answers. */
  public record Started(String changeSetId, String changeSetArn) {}

  public Started start(Account caller, JsonNode request) {
    String callerId = caller.id().value();
    checkCatalog(request.path("Catalog"));
    String token = optText(request, "ClientRequestToken");
    if (token != null && (token.length() > 64 || !TOKEN.matcher(token).matches())) {
      throw AwsServiceException.validation("ClientRequestToken must be 1 to 64 printable ASCII characters.");
    }
    String hash = requestHash(request);
    if (token != null) {
      Optional<Started> earlier = earlier(callerId, token, hash);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    String name = optText(request, "ChangeSetName");
    if (name != null && (name.isEmpty() || name.length() > 100 || !CHANGE_SET_NAME.matcher(name).matches())) {
      throw AwsServiceException.validation("ChangeSetName must be 1 to 100 characters matching " + CHANGE_SET_NAME + ".");
    }
    String intent = Optional.ofNullable(optText(request, "Intent")).orElse(ChangeSet.APPLY);
    if (!intent.equals(ChangeSet.APPLY) && !intent.equals(ChangeSet.VALIDATE)) {
      throw AwsServiceException.validation("Intent must be APPLY or VALIDATE.");
    }
    List<ChangeSet.Tag> changeSetTags = Tags.parse(request.get("ChangeSetTags"), "ChangeSetTags");
    List<ChangeSet.Change> changes = parseChanges(request.get("ChangeSet"));
    List<String> touched = checkAccess(caller, changes);
    Instant now = clock.instant();
    ChangeSet changeSet = new ChangeSet(ids.newChangeSetId(), callerId, name != null ? name : "Submitted by " + callerId,
        intent, ChangeSetStatus.PREPARING, now, null, null, null, changes, touched);
    try {
      return tx.execute(status -> {
        if (changeSets.runningCount(callerId) >= maxRunning) {
          throw AwsServiceException.quotaExceeded("You have " + maxRunning + " change sets running; wait until some finish.");
        }
        changeSets.insert(changeSet, token, hash, now.plus(delay.dividedBy(2)).plus(faults.extraChangeSetDelay()));
        if (changeSet.isApply()) {
          changeSets.lock(touched, changeSet.id()).ifPresent(holder -> {
            throw AwsServiceException.inUse("Requested change set has entities locked by change sets - " + holder + ".");
          });
        }
        String arn = arns.changeSet(callerId, changeSet.id());
        tags.replace(arn, changeSetTags);
        return new Started(changeSet.id(), arn);
      });
    } catch (DuplicateKeyException e) {
      // the same token raced in from another request
      return earlier(callerId, token, hash).orElseThrow(() -> e);
    }
  }

  private Optional<Started> earlier(String callerId, String token, String hash) {
    return changeSets.findByToken(callerId, token).map(found -> {
      if (!found.requestHash().equals(hash)) {
        throw AwsServiceException.validation("ClientRequestToken " + token + " was already used with a different request.");
      }
      return new Started(found.changeSetId(), arns.changeSet(callerId, found.changeSetId()));
    });
  }

  /** The caller's change set, or 404. */
  public ChangeSet describe(Account caller, String catalog, String changeSetId) {
    checkCatalog(catalog == null ? null : json.getNodeFactory().textNode(catalog));
    if (changeSetId == null || changeSetId.isBlank()) {
      throw AwsServiceException.validation("changeSetId is required.");
    }
    return changeSets.find(changeSetId)
        .filter(cs -> cs.accountId().equals(caller.id().value()))
        .orElseThrow(() -> AwsServiceException.notFound("Change set " + changeSetId + " was not found."));
  }

  /** Cancels a change set still PREPARING; once APPLYING it is too late, as on AWS. */
  public Started cancel(Account caller, String catalog, String changeSetId) {
    describe(caller, catalog, changeSetId);
    return tx.execute(status -> {
      ChangeSet current = changeSets.findForUpdate(changeSetId).orElseThrow();
      if (current.status() != ChangeSetStatus.PREPARING) {
        throw AwsServiceException.inUse("Change set " + changeSetId + " is " + current.status() + " and can't be cancelled.");
      }
      ChangeSet cancelled = new ChangeSet(current.id(), current.accountId(), current.name(), current.intent(),
          ChangeSetStatus.CANCELLED, current.startTime(), clock.instant(), null, null, current.changes(), current.entityIds());
      changeSets.update(current, cancelled, null);
      return new Started(changeSetId, arns.changeSet(current.accountId(), changeSetId));
    });
  }

  private List<ChangeSet.Change> parseChanges(JsonNode list) {
    if (list == null || !list.isArray() || list.isEmpty() || list.size() > 20) {
      throw AwsServiceException.validation("ChangeSet must contain 1 to 20 changes.");
    }
    List<ChangeSet.Change> changes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> createNames = new HashSet<>();
    Set<String> typeAndTarget = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      String where = "ChangeSet[" + i + "]";
      if (!c.isObject()) {
        throw AwsServiceException.validation(where + " must be an object.");
      }
      String changeType = optText(c, "ChangeType");
      if (changeType == null || changeType.length() > 255 || !CHANGE_TYPE.matcher(changeType).matches()) {
        throw AwsServiceException.validation(where + ".ChangeType is required and must match " + CHANGE_TYPE + ".");
      }
      JsonNode entity = c.get("Entity");
      if (entity == null || !entity.isObject() || optText(entity, "Type") == null) {
        throw AwsServiceException.validation(where + ".Entity.Type is required.");
      }
      String entityTypeName = optText(entity, "Type");
      EntityType entityType = EntityType.ofVersionedName(entityTypeName).orElseThrow(() ->
          AwsServiceException.validation(where + ": entity type " + entityTypeName + " is not supported."));
      ChangeType type = ChangeTypes.find(entityType, changeType).orElseThrow(() ->
          AwsServiceException.validation(where + ": change type " + changeType + " is not supported for " + entityTypeName + "."));
      String identifier = optText(entity, "Identifier");
      String changeName = optText(c, "ChangeName");
      if (changeName != null) {
        if (changeName.isEmpty() || changeName.length() > 72 || !CHANGE_NAME.matcher(changeName).matches()) {
          throw AwsServiceException.validation(where + ".ChangeName must be 1 to 72 letters, digits or underscores.");
        }
        if (!names.add(changeName)) {
          throw AwsServiceException.validation("ChangeName " + changeName + " is used by more than one change.");
        }
      }
      if (type.creates()) {
        if (identifier != null) {
          throw AwsServiceException.validation(where + ": " + changeType + " creates an entity and takes no Entity.Identifier.");
        }
        if (changeName != null) {
          createNames.add(changeName);
        }
      } else if (identifier == null) {
        throw AwsServiceException.validation(where + ".Entity.Identifier is required for " + changeType + ".");
      } else if (!IDENTIFIER.matcher(identifier).matches() && !REFERENCE.matcher(identifier).matches()) {
        throw AwsServiceException.validation(where + ".Entity.Identifier " + identifier + " is neither an entity ID nor a "
            + "$ChangeName.Entity.Identifier reference.");
      }
      if (identifier != null && !typeAndTarget.add(changeType + "/" + identifier)) {
        throw AwsServiceException.validation("Change type " + changeType + " is used twice on " + identifier + ".");
      }
      JsonNode details = details(c, where);
      try {
        type.check().check(Details.of(details));
      } catch (InvalidDetails e) {
        throw AwsServiceException.validation(where + " (" + changeType + "): " + e.getMessage());
      }
      List<ChangeSet.Tag> entityTags = Tags.parse(c.get("EntityTags"), where + ".EntityTags");
      changes.add(new ChangeSet.Change(changeType, entityTypeName, identifier, changeName, details, entityTags, null, List.of()));
    }
    for (ChangeSet.Change change : changes) {
      String reference = change.referencedChangeName();
      if (reference != null && !createNames.contains(reference)) {
        throw AwsServiceException.validation("Entity.Identifier " + change.identifier()
            + " refers to no change of this change set that creates an entity.");
      }
    }
    return changes;
  }

  private JsonNode details(JsonNode change, String where) {
    JsonNode string = change.get("Details");
    JsonNode document = change.get("DetailsDocument");
    boolean hasString = string != null && !string.isNull();
    boolean hasDocument = document != null && !document.isNull();
    if (hasString == hasDocument) {
      throw AwsServiceException.validation(where + " must have exactly one of Details or DetailsDocument.");
    }
    if (hasDocument) {
      if (!document.isObject()) {
        throw AwsServiceException.validation(where + ".DetailsDocument must be a JSON object.");
      }
      return document;
    }
    if (!string.isTextual() || string.textValue().length() > 16384) {
      throw AwsServiceException.validation(where + ".Details must be a string of at most 16384 characters.");
    }
    try {
      JsonNode parsed = json.readTree(string.textValue());
      if (parsed == null || !parsed.isObject()) {
        throw AwsServiceException.validation(where + ".Details must be a JSON object.");
      }
      return parsed;
    } catch (JsonProcessingException e) {
      throw AwsServiceException.validation(where + ".Details is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Existing entities named by the changes must be the caller's (403) and exist (404); answers the IDs
   * the change set will lock while it runs.
   */
  private List<String> checkAccess(Account caller, List<ChangeSet.Change> changes) {
    String callerId = caller.id().value();
    Set<String> touched = new LinkedHashSet<>();
    for (ChangeSet.Change change : changes) {
      ChangeType type = ChangeTypes.of(change);
      if (!type.creates() && change.referencedChangeName() == null) {
        CatalogEntity entity = entities.find(change.identifier())
            .orElseThrow(() -> AwsServiceException.notFound("Entity " + change.identifier() + " was not found."));
        if (entity.type() != type.entityType()) {
          throw AwsServiceException.validation("Entity " + change.identifier() + " is a " + entity.type().versionedName()
              + ", not a " + change.entityType() + ".");
        }
        if (!entity.ownerAccountId().equals(callerId)) {
          throw AwsServiceException.accessDenied("Account " + callerId + " is not authorized to change entity " + entity.id() + ".");
        }
        touched.add(entity.id());
      }
      if (type.referenceField() != null) {
        String id = change.details().path(type.referenceField()).asText();
        CatalogEntity referenced = entities.find(id)
            .orElseThrow(() -> AwsServiceException.notFound(type.referenceField() + " " + id + " was not found."));
        boolean allowed = referenced instanceof SaaSProduct product
            ? product.ownerAccountId().equals(callerId)
            : referenced instanceof ResaleAuthorization ra && callerId.equals(ra.sharedWithAccountId());
        if (!allowed) {
          throw AwsServiceException.accessDenied("Account " + callerId + " is not authorized to use " + id + ".");
        }
        if (referenced instanceof ResaleAuthorization) {
          touched.add(id);
        }
      }
    }
    return new ArrayList<>(touched);
  }

  static void checkCatalog(JsonNode catalog) {
    if (catalog == null || !catalog.isTextual() || !CATALOG.matcher(catalog.textValue()).matches()) {
      throw AwsServiceException.validation("Catalog is required and must match " + CATALOG + ".");
    }
    if (!Arns.CATALOG.equals(catalog.textValue())) {
      throw AwsServiceException.validation("Catalog " + catalog.textValue() + " is not supported; use AWSMarketplace.");
    }
  }

  static String optText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw AwsServiceException.validation(field + " must be a string.");
    }
    return value.textValue();
  }

  /** The request without its token, so that a retry with the same token and body is recognised. */
  private String requestHash(JsonNode request) {
    JsonNode copy = request.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("ClientRequestToken");
    return SigV4.hex(SigV4.sha256(copy.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
