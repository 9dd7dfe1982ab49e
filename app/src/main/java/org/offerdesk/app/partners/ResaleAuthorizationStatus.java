package org.offerdesk.app.partners;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a resale authorization stands. A draft (or a failed publish) can be edited; once AUTHORIZED it
 * cannot change on the marketplace and ends CONSUMED (its single use taken), EXPIRED or DEACTIVATED.
 */
public enum ResaleAuthorizationStatus {
  DRAFT,
  PUBLISHING,
  PUBLISH_FAILED,
  AUTHORIZED,
  CONSUMED,
  EXPIRED,
  DEACTIVATED;

  private static final Map<ResaleAuthorizationStatus, Set<ResaleAuthorizationStatus>> ALLOWED = Map.of(
      DRAFT, EnumSet.of(PUBLISHING),
      PUBLISHING, EnumSet.of(AUTHORIZED, PUBLISH_FAILED),
      PUBLISH_FAILED, EnumSet.of(PUBLISHING),
      AUTHORIZED, EnumSet.of(CONSUMED, EXPIRED, DEACTIVATED),
      CONSUMED, EnumSet.of(EXPIRED, DEACTIVATED),
      EXPIRED, EnumSet.noneOf(ResaleAuthorizationStatus.class),
      DEACTIVATED, EnumSet.noneOf(ResaleAuthorizationStatus.class));

  public boolean canMoveTo(ResaleAuthorizationStatus next) {
    return ALLOWED.get(this).contains(next);
  }

  /** Nothing of it is on the marketplace yet: it may be edited and published. */
  public boolean isDraft() {
    return this == DRAFT || this == PUBLISH_FAILED;
  }

  /** On the marketplace: the reseller has it (or had it). */
  public boolean isPublished() {
    return this == AUTHORIZED || this == CONSUMED || this == EXPIRED || this == DEACTIVATED;
  }
}
