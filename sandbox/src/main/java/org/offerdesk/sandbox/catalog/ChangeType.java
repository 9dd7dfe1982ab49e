package org.offerdesk.sandbox.catalog;

/**
 * One change type of one entity type: its schema check, run synchronously by StartChangeSet, and what
 * it does to a change set's working copy of the catalog, run asynchronously.
 *
 * @param referenceField a details field naming another entity the change needs access to
 *     ({@code ProductId} or {@code ResaleAuthorizationId}), or null
 */
record ChangeType(EntityType entityType, String name, Phase phase, String referenceField, Check check, Apply apply) {

  /** Creates run first and releases last, whatever the order of the request, as AWS applies a set as a whole. */
  enum Phase {
    CREATE,
    UPDATE,
    RELEASE
  }

  interface Check {
    void check(Details details);
  }

  interface Apply {
    void apply(ChangeSetWork work, ChangeSetWork.Step step, Details details);
  }

  boolean creates() {
    return phase == Phase.CREATE;
  }
}
