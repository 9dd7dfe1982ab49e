package org.offerdesk.sandbox.agreements;

/**
 * What happened to an agreement, published in the transaction that changed it so that the events the
 * marketplace sends sellers are written with the change.
 */
public sealed interface AgreementEvent {

  Agreement agreement();

  /** A buyer accepted an offer; {@code replaced} is the agreement a replacement offer superseded, or null. */
  record Accepted(Agreement agreement, Agreement replaced) implements AgreementEvent {}

  /**
   * The agreement ended (reached its end time, or was cancelled or terminated) at {@code endedAt}: its end
   * time when it expired, however much later the sandbox noticed (after a move of the clock).
   */
  record Ended(Agreement agreement, java.time.Instant endedAt) implements AgreementEvent {}
}
