package org.offerdesk.sandbox.agreements;

import java.util.EnumSet;
import java.util.Set;

/**
 * An agreement's lifecycle as the Agreement API names it. An active agreement ends by reaching its end
 * time (EXPIRED), by a replacement offer's acceptance (REPLACED), by the buyer (CANCELLED) or by AWS
 * (TERMINATED); ended agreements stay as they are.
 */
public enum AgreementStatus {
  ACTIVE,
  EXPIRED,
  REPLACED,
  CANCELLED,
  TERMINATED;

  private static final Set<AgreementStatus> ENDINGS = EnumSet.of(EXPIRED, REPLACED, CANCELLED, TERMINATED);

  public boolean canMoveTo(AgreementStatus next) {
    return this == ACTIVE && ENDINGS.contains(next);
  }
}
