package org.offerdesk.app.orders;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An order's lifecycle, with its allowed moves in this one place: registered (by the buyer or
 * automatically), provisioned by the seller, and ended or cancelled when its agreement ends.
 */
public enum OrderStatus {
  PENDING_REGISTRATION,
  REGISTERED,
  PROVISIONED,
  CANCELLED,
  ENDED;

  private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
      PENDING_REGISTRATION, EnumSet.of(REGISTERED, CANCELLED, ENDED),
      REGISTERED, EnumSet.of(PROVISIONED, CANCELLED, ENDED),
      PROVISIONED, EnumSet.of(CANCELLED, ENDED),
      CANCELLED, EnumSet.noneOf(OrderStatus.class),
      ENDED, EnumSet.noneOf(OrderStatus.class));

  public boolean canMoveTo(OrderStatus next) {
    return ALLOWED.get(this).contains(next);
  }

  public boolean isClosed() {
    return this == CANCELLED || this == ENDED;
  }
}
