package org.offerdesk.app.orders;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where the renewal of an ending agreement stands, with its allowed moves in this one place: a renewal offer
 * goes out (and may come back unanswered), the buyer accepts it, the end passes without one, or a person
 * records that the customer is leaving. A lapsed or churned customer may still come back and renew.
 */
public enum RenewalStatus {
  UPCOMING,
  OFFER_SENT,
  RENEWED,
  LAPSED,
  CHURNED;

  private static final Map<RenewalStatus, Set<RenewalStatus>> ALLOWED = Map.of(
      UPCOMING, EnumSet.of(OFFER_SENT, RENEWED, LAPSED, CHURNED),
      OFFER_SENT, EnumSet.of(UPCOMING, RENEWED, LAPSED, CHURNED),
      LAPSED, EnumSet.of(OFFER_SENT, RENEWED, CHURNED),
      CHURNED, EnumSet.of(RENEWED),
      RENEWED, EnumSet.noneOf(RenewalStatus.class));

  public boolean canMoveTo(RenewalStatus next) {
    return ALLOWED.get(this).contains(next);
  }

  /** Still worth an alert: nobody has renewed it or given it up. */
  public boolean isOpen() {
    return this == UPCOMING || this == OFFER_SENT;
  }
}
