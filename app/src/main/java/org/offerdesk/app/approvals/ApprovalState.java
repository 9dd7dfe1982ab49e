package org.offerdesk.app.approvals;

import java.util.List;
import java.util.UUID;

/**
 * What a subject's page shows about approval: the rules it triggers now, and its latest request.
 *
 * @param needed whether publishing waits for an approval now (rules triggered and no approval of these facts)
 * @param requestId the latest request, or null
 * @param requestStatus its status, or null
 */
public record ApprovalState(boolean needed, List<TriggeredRule> triggered, UUID requestId,
    ApprovalStatus requestStatus, String comment) {

  /** A request just submitted, as the API answers it: {@code {id, status: "PENDING", rules}}. */
  public record Submitted(UUID id, ApprovalStatus status, List<TriggeredRule> rules) {}

  /** This state as the answer to a submission. */
  public Submitted submitted() {
    return new Submitted(requestId, requestStatus, triggered);
  }

  /** Where the request is read in the API. */
  public java.net.URI requestUri() {
    return java.net.URI.create("/api/v1/approval-requests/" + requestId);
  }

  /** One rule that applies, and why, in words for the approver ("discount 25.00% is over 20%"). */
  public record TriggeredRule(RuleKind kind, String threshold, String reason) {}
}
