package org.offerdesk.app.approvals.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.approvals.ApprovalStatus;
import org.offerdesk.app.approvals.ApprovalSubject.SubjectType;
import org.offerdesk.app.identity.Role;

/**
 * A request to approve one subject as it stood when submitted: the rules it triggered (each with its own
 * approval), the facts the approver reads and the watched fields' values.
 */
record ApprovalRequest(UUID id, UUID organizationId, SubjectType subjectType, UUID subjectId, String title,
    String link, ApprovalStatus status, List<RequestRule> rules, List<Fact> facts,
    Map<String, String> watched, String requestedBy, UUID requestedByUser, Instant requestedAt, String decidedBy,
    Instant decidedAt, String comment, int version) {

  /** One line of what the approver reads: "Discount", "25.00% off 12,000.00 USD". */
  record Fact(String label, String value) {}

  /** A triggered rule, who may approve it and, once approved, by whom. */
  record RequestRule(String kind, String threshold, String reason, Role approverRole, List<String> approvers,
      String approvedBy, Instant approvedAt) {

    public ApprovalRule rule() {
      return new ApprovalRule(org.offerdesk.app.approvals.RuleKind.valueOf(kind),
          threshold == null ? null : new java.math.BigDecimal(threshold), approverRole, approvers);
    }

    public boolean approved() {
      return approvedBy != null;
    }

    RequestRule approve(String by, Instant at) {
      return new RequestRule(kind, threshold, reason, approverRole, approvers, by, at);
    }
  }

  public List<String> kinds() {
    return rules.stream().map(RequestRule::kind).toList();
  }

  ApprovalRequest decided(ApprovalStatus next, List<RequestRule> newRules, String by, Instant at, String note) {
    return new ApprovalRequest(id, organizationId, subjectType, subjectId, title, link, next, newRules, facts, watched,
        requestedBy, requestedByUser, requestedAt, by, at, note, version);
  }
}
