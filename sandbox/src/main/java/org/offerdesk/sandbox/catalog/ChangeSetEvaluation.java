package org.offerdesk.sandbox.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Works out a change set against copies of the catalog: creates first, then updates, then releases,
 * then the rules across terms. The outcome holds each change's errors and the entities to store if
 * there are none.
 */
final class ChangeSetEvaluation {

  record Outcome(List<ChangeSet.Change> changes, List<CatalogEntity> changedEntities, boolean failed) {}

  private ChangeSetEvaluation() {}

  static Outcome evaluate(ChangeSet changeSet, ChangeSetWork work) {
    List<ChangeSetWork.Step> steps = new ArrayList<>();
    for (int i = 0; i < changeSet.changes().size(); i++) {
      steps.add(new ChangeSetWork.Step(i, changeSet.changes().get(i)));
    }
    List<ChangeSetWork.Step> ordered = new ArrayList<>(steps);
    ordered.sort(Comparator.comparing(s -> ChangeTypes.of(s.change).phase()));
    for (ChangeSetWork.Step step : ordered) {
      ChangeType type = ChangeTypes.of(step.change);
      if (!type.creates() && !work.resolve(step)) {
        continue;
      }
      type.apply().apply(work, step, Details.of(step.change.details()));
    }
    for (CatalogEntity entity : work.changedEntities()) {
      if (entity instanceof Offer offer) {
        OfferRelease.checkConsistency(work, offer);
      }
    }
    boolean failed = steps.stream().anyMatch(s -> !s.errors.isEmpty());
    List<ChangeSet.Change> outcome = steps.stream().map(s -> s.change.withOutcome(s.target, s.errors)).toList();
    return new Outcome(outcome, List.copyOf(work.changedEntities()), failed);
  }
}
