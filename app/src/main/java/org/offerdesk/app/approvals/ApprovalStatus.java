package org.offerdesk.app.approvals;

/**
 * Where an approval request stands. PENDING until every rule it triggered is approved (APPROVED) or one is
 * rejected (REJECTED); SUPERSEDED when a field a rule reads changed after it was submitted, so the subject
 * needs approval again.
 */
public enum ApprovalStatus { PENDING, APPROVED, REJECTED, SUPERSEDED }
