package org.offerdesk.app.approvals;

import java.util.UUID;

/**
 * An approver approved or rejected a request (published in the decision's transaction, for the subject's
 * timeline). {@code status} is the request's status after the decision: an approval of some of its rules
 * leaves it PENDING.
 */
public record ApprovalDecided(UUID organizationId, ApprovalSubject.SubjectType subjectType, UUID subjectId,
    UUID requestId, ApprovalStatus status, String approver, String comment) {

  /** What the subject's timeline says happened. */
  public String timelineCause() {
    return switch (status) {
      case APPROVED -> "approved";
      case REJECTED -> "approval rejected";
      default -> "approved in part";
    };
  }
}
