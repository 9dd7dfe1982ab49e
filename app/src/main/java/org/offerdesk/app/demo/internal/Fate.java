package org.offerdesk.app.demo.internal;

/**
 * What becomes of one deal of the demo story, and so the stage its offer ends in. Deals that are followed up (an
 * amendment, a cancelled agreement, a one-month term) start early in the year; those still open are made at the end.
 */
enum Fate {
  PROVISIONED(When.ANY, "PROVISIONED", true),
  REGISTERED(When.ANY, "REGISTERED", true),
  AWAITING_REGISTRATION(When.ANY, "ACCEPTED", false),
  EXPIRED(When.ANY, "EXPIRED", false),
  PARTNER(When.ANY, null, false),
  AMENDED(When.EARLY, "REPLACED", true),
  AGREEMENT_CANCELLED(When.EARLY, "REGISTERED", true),
  ENDED(When.EARLY, "REGISTERED", true),
  RENEWED(When.ANY, "REGISTERED", true),
  RENEWAL_DUE(When.ANY, "REGISTERED", true),
  DRAFT(When.LATE, "DRAFT", false),
  SENT(When.LATE, "SENT", false),
  EXPIRING(When.LATE, "SENT", false),
  PUBLISH_FAILED(When.LATE, "PUBLISH_FAILED", false),
  WITHDRAWN(When.LATE, "CANCELLED", false);

  /** When in the year a deal of this fate starts. */
  enum When { EARLY, ANY, LATE }

  final When when;
  /** The stage its own offer ends in (a partner offer is the reseller's, seen by the ISV as the marketplace tells). */
  final String offerStage;
  /** Whether the offer carries the buyer's registration details, so the order registers itself an hour after acceptance. */
  final boolean registers;

  Fate(When when, String offerStage, boolean registers) {
    this.when = when;
    this.offerStage = offerStage;
    this.registers = registers;
  }

  boolean accepted() {
    return when != When.LATE && this != EXPIRED && this != PARTNER;
  }
}
