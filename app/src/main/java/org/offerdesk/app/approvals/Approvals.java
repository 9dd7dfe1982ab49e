package org.offerdesk.app.approvals;

import java.util.Optional;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.sql.SqlReads;

/**
 * The gate before publishing. Each call runs in the caller's transaction; the subject's facts are
 * computed by its owner (reading list prices, a network call, happens before the transaction).
 */
public interface Approvals {

  /** Whether the caller may approve or reject the pending request now (one of its rules' approvers). */
  boolean canDecide(Caller caller, java.util.UUID requestId);

  /** How many requests wait for a decision: the dashboard's "needs attention", read with its other figures. */
  SqlReads.Read<Long> waiting(java.util.UUID organizationId);

  /** Whether the organization has a rule of this kind (so the owner knows whether to read list prices). */
  boolean hasRule(java.util.UUID organizationId, RuleKind kind);

  /** The rules the subject triggers and its latest request. */
  ApprovalState state(ApprovalSubject subject);

  /**
   * Throws {@link org.offerdesk.app.errors.Conflict} naming the rules when the subject triggers a rule and no
   * approval covers these facts.
   */
  void requireApproval(ApprovalSubject subject);

  /**
   * Submits the subject for approval and tells its approvers; refused when no rule applies or a request is
   * already pending or approved for these facts.
   */
  ApprovalState submit(Caller caller, ApprovalSubject subject);

  /**
   * The subject was edited: a pending or approved request whose watched fields changed is SUPERSEDED. Returns
   * the fields that changed when it was sent back.
   */
  Optional<String> edited(String actor, ApprovalSubject subject);
}
