package org.offerdesk.sandbox.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Every change type the sandbox supports, by entity type and name. */
final class ChangeTypes {

  private static final Map<String, ChangeType> BY_KEY = new HashMap<>();

  static {
    Stream.of(OfferChanges.all(), ResaleAuthorizationChanges.all()).flatMap(List::stream)
        .forEach(t -> BY_KEY.put(t.entityType().versionedName() + "/" + t.name(), t));
  }

  private ChangeTypes() {}

  static Optional<ChangeType> find(EntityType entityType, String name) {
    return Optional.ofNullable(BY_KEY.get(entityType.versionedName() + "/" + name));
  }

  static ChangeType of(ChangeSet.Change change) {
    EntityType type = EntityType.ofVersionedName(change.entityType()).orElseThrow();
    return find(type, change.changeType()).orElseThrow();
  }
}
