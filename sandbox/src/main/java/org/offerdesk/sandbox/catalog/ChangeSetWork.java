package org.offerdesk.sandbox.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.accounts.Accounts;
import org.offerdesk.sandbox.agreements.Agreements;

/**
 * A change set being worked out against copies of the entities it touches. Nothing is stored until
 * every change has succeeded, which makes a change set all or nothing.
 */
final class ChangeSetWork {

  /** One change while it is being applied: where it points and what went wrong with it. */
  static final class Step {
    final int index;
    final ChangeSet.Change change;
    String target;
    final List<ChangeSet.ErrorDetail> errors = new ArrayList<>();

    Step(int index, ChangeSet.Change change) {
      this.index = index;
      this.change = change;
    }
  }

  final Account caller;
  final Instant now;
  final LocalDate today;
  final CatalogEntities entities;
  final Accounts accounts;
  final Agreements agreements;
  final EntityIds ids;
  private final Map<String, CatalogEntity> copies = new HashMap<>();
  private final Map<String, CatalogEntity> changed = new LinkedHashMap<>();
  private final Map<String, Step> lastStepOn = new HashMap<>();
  private final Map<String, String> createdByName = new HashMap<>();

  ChangeSetWork(Account caller, Instant now, CatalogEntities entities, Accounts accounts, Agreements agreements, EntityIds ids) {
    this.caller = caller;
    this.now = now;
    this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    this.entities = entities;
    this.accounts = accounts;
    this.agreements = agreements;
    this.ids = ids;
  }

  String callerId() {
    return caller.id().value();
  }

  /** Resolves a step's target: a created entity by change name, or the identifier as sent. */
  boolean resolve(Step step) {
    String reference = step.change.referencedChangeName();
    if (reference == null) {
      step.target = step.change.identifier();
      return true;
    }
    step.target = createdByName.get(reference);
    if (step.target == null) {
      fail(step, "INVALID_ENTITY_REFERENCE", "Change '" + reference + "' did not create an entity this change can refer to.");
      return false;
    }
    return true;
  }

  void created(Step step, CatalogEntity entity) {
    step.target = entity.id;
    if (step.change.changeName() != null) {
      createdByName.put(step.change.changeName(), entity.id);
    }
    copies.put(entity.id, entity);
    touch(step, entity);
  }

  /** The working copy of an entity, loaded on first use. */
  <T extends CatalogEntity> Optional<T> find(String id, Class<T> type) {
    CatalogEntity copy = copies.get(id);
    if (copy == null) {
      Optional<CatalogEntity> stored = entities.find(id).map(CatalogEntities::copy);
      if (stored.isEmpty()) {
        return Optional.empty();
      }
      copy = stored.get();
      copies.put(id, copy);
    }
    return type.isInstance(copy) ? Optional.of(type.cast(copy)) : Optional.empty();
  }

  /** The step's target entity, marked as changed by this step. */
  <T extends CatalogEntity> Optional<T> target(Step step, Class<T> type) {
    Optional<T> entity = find(step.target, type);
    if (entity.isEmpty()) {
      fail(step, "ENTITY_NOT_FOUND", "Entity " + step.target + " was not found.");
    } else {
      touch(step, entity.get());
    }
    return entity;
  }

  void touch(Step step, CatalogEntity entity) {
    changed.put(entity.id, entity);
    lastStepOn.put(entity.id, step);
  }

  void fail(Step step, String code, String message) {
    step.errors.add(new ChangeSet.ErrorDetail(code, message));
  }

  Collection<CatalogEntity> changedEntities() {
    return changed.values();
  }

  Step lastStepOn(CatalogEntity entity) {
    return lastStepOn.get(entity.id);
  }
}
