package org.offerdesk.app.offers;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an offer stands, and in this one place which moves are allowed. The main path only moves
 * forward (DRAFT → PUBLISHING → SENT → VIEWED → ACCEPTED → REGISTERED → PROVISIONED), so a late or
 * repeated event never takes an offer back; EXPIRED, CANCELLED and REPLACED end it.
 */
public enum OfferStage {
  DRAFT(0),
  PUBLISHING(1),
  PUBLISH_FAILED(1),
  SENT(2),
  VIEWED(3),
  ACCEPTED(4),
  REGISTERED(5),
  PROVISIONED(6),
  EXPIRED(9),
  CANCELLED(9),
  REPLACED(9);

  private final int rank;

  OfferStage(int rank) {
    this.rank = rank;
  }

  private static final Map<OfferStage, Set<OfferStage>> ALLOWED = Map.ofEntries(
      Map.entry(DRAFT, EnumSet.of(PUBLISHING, CANCELLED)),
      Map.entry(PUBLISHING, EnumSet.of(SENT, PUBLISH_FAILED, ACCEPTED, VIEWED)),
      Map.entry(PUBLISH_FAILED, EnumSet.of(PUBLISHING, CANCELLED)),
      Map.entry(SENT, EnumSet.of(VIEWED, ACCEPTED, EXPIRED, CANCELLED)),
      Map.entry(VIEWED, EnumSet.of(ACCEPTED, EXPIRED, CANCELLED)),
      Map.entry(ACCEPTED, EnumSet.of(REGISTERED, PROVISIONED, REPLACED)),
      Map.entry(REGISTERED, EnumSet.of(PROVISIONED, REPLACED)),
      Map.entry(PROVISIONED, EnumSet.of(REPLACED)),
      Map.entry(EXPIRED, EnumSet.noneOf(OfferStage.class)),
      Map.entry(CANCELLED, EnumSet.noneOf(OfferStage.class)),
      Map.entry(REPLACED, EnumSet.noneOf(OfferStage.class)));

  public boolean canMoveTo(OfferStage next) {
    return ALLOWED.get(this).contains(next);
  }

  /** Still editable as a draft: nothing of it is on the marketplace. */
  public boolean isDraft() {
    return this == DRAFT || this == PUBLISH_FAILED;
  }

  /** Live on the marketplace for its buyers and not yet accepted. */
  public boolean isOpen() {
    return this == SENT || this == VIEWED;
  }

  /** Accepted, whatever has happened to the order since. */
  public boolean isAccepted() {
    return this == ACCEPTED || this == REGISTERED || this == PROVISIONED;
  }

  public boolean isFinal() {
    return rank == 9;
  }

  /** Later on the main path; used to ignore events that arrive late. */
  public boolean isAfter(OfferStage other) {
    return rank > other.rank;
  }
}
