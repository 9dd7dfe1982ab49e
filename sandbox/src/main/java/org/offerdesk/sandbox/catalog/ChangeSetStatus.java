package org.offerdesk.sandbox.catalog;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A change set's lifecycle, all in one place: PREPARING → APPLYING → SUCCEEDED, with FAILED possible from
 * either running state and CANCELLED only before APPLYING. A VALIDATE change set succeeds straight from
 * PREPARING, as it applies nothing.
 */
public enum ChangeSetStatus {
  PREPARING,
  APPLYING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  private static final Map<ChangeSetStatus, Set<ChangeSetStatus>> NEXT = Map.of(
      PREPARING, EnumSet.of(APPLYING, SUCCEEDED, FAILED, CANCELLED),
      APPLYING, EnumSet.of(SUCCEEDED, FAILED),
      SUCCEEDED, EnumSet.noneOf(ChangeSetStatus.class),
      FAILED, EnumSet.noneOf(ChangeSetStatus.class),
      CANCELLED, EnumSet.noneOf(ChangeSetStatus.class));

  public boolean canMoveTo(ChangeSetStatus next) {
    return NEXT.get(this).contains(next);
  }

  public boolean isTerminal() {
    return NEXT.get(this).isEmpty();
  }
}
