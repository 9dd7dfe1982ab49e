package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A change set as the catalog keeps it: what was asked, and how far it has come. */
public record ChangeSet(
    String id,
    String accountId,
    String name,
    String intent,
    ChangeSetStatus status,
    Instant startTime,
    Instant endTime,
    String failureCode,
    String failureDescription,
    List<Change> changes,
    List<String> entityIds) {

  public static final String APPLY = "APPLY";
  public static final String VALIDATE = "VALIDATE";

  /**
   * One requested change. {@code identifier} is as sent (possibly a {@code $ChangeName.Entity.Identifier}
   * reference); {@code resolvedIdentifier} is the entity it ended up on.
   */
  public record Change(
      String changeType, String entityType, String identifier, String changeName, JsonNode details,
      List<Tag> entityTags, String resolvedIdentifier, List<ErrorDetail> errors) {

    Change withOutcome(String resolved, List<ErrorDetail> errorList) {
      return new Change(changeType, entityType, identifier, changeName, details, entityTags, resolved, List.copyOf(errorList));
    }

    /** The change-set-internal reference this change's identifier makes, or null. */
    String referencedChangeName() {
      if (identifier != null && identifier.startsWith("$") && identifier.endsWith(".Entity.Identifier")) {
        return identifier.substring(1, identifier.length() - ".Entity.Identifier".length());
      }
      return null;
    }
  }

  /** An error of one change, in AWS's ErrorDetail shape. */
  public record ErrorDetail(String errorCode, String errorMessage) {}

  public record Tag(String key, String value) {}

  boolean isApply() {
    return APPLY.equals(intent);
  }
}
