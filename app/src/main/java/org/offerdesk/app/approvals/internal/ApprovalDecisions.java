package org.offerdesk.app.approvals.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.approvals.ApprovalDecided;
import org.offerdesk.app.approvals.ApprovalStatus;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An approver decides a pending request. Each triggered rule needs one of its own approvers: approving
 * approves every rule the caller may approve, and the request is APPROVED once none is left; rejecting (with
 * a comment for the rep) rejects the whole request. The submitter decides only a rule nobody else may
 * ({@link ApprovalNotices#approvers}); an API token approves by its role, never what it submitted itself.
 */
@Service
class ApprovalDecisions {

  static final int COMMENT_MAX = 2000;

  private final ApprovalRequestStore requests;
  private final ApprovalNotices notices;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ApprovalDecisions(ApprovalRequestStore requests, ApprovalNotices notices, AuditLog audit,
      ApplicationEventPublisher events, Clock clock) {
    this.requests = requests;
    this.notices = notices;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  ApprovalRequest get(Caller caller, UUID id) {
    return requests.find(caller.organizationId(), id).orElseThrow(() -> new NotFound("Approval request " + id));
  }

  /** The pending rules of the request that the caller may decide. */
  List<ApprovalRequest.RequestRule> decidable(Caller caller, ApprovalRequest request) {
    if (request.status() != ApprovalStatus.PENDING) {
      return List.of();
    }
    if (caller.isToken()) {
      // Automation approves by its token's role, never a request the same token submitted.
      return request.rules().stream().filter(r -> !r.approved() && r.rule().approverRole() == caller.role()
          && !caller.describe().equals(request.requestedBy())).toList();
    }
    return request.rules().stream().filter(r -> !r.approved() && r.rule().approvableBy(caller)
        && notices.approvers(caller.organizationId(), request, r.rule()).contains(caller.userId())).toList();
  }

  @Transactional
  ApprovalRequest approve(Caller caller, UUID id, String comment) {
    ApprovalRequest request = decidableRequest(caller, id);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<ApprovalRequest.RequestRule> mine = decidable(caller, request);
    List<ApprovalRequest.RequestRule> rules = new ArrayList<>();
    for (ApprovalRequest.RequestRule r : request.rules()) {
      rules.add(mine.contains(r) ? r.approve(caller.describe(), now) : r);
    }
    boolean all = rules.stream().allMatch(ApprovalRequest.RequestRule::approved);
    ApprovalRequest decided = request.decided(all ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING, rules,
        caller.describe(), now, text(comment));
    return save(caller, decided, "approval.approved",
        String.join(", ", mine.stream().map(ApprovalRequest.RequestRule::kind).toList()));
  }

  @Transactional
  ApprovalRequest reject(Caller caller, UUID id, String comment) {
    String why = text(comment);
    if (why == null) {
      throw new InvalidInput("comment", "is required: tell the rep why, and what would be approved");
    }
    ApprovalRequest request = decidableRequest(caller, id);
    ApprovalRequest decided = request.decided(ApprovalStatus.REJECTED, request.rules(), caller.describe(),
        clock.instant().truncatedTo(ChronoUnit.MICROS), why);
    return save(caller, decided, "approval.rejected", why);
  }

  private ApprovalRequest decidableRequest(Caller caller, UUID id) {
    ApprovalRequest request = get(caller, id);
    if (request.status() != ApprovalStatus.PENDING) {
      throw new Conflict("This approval request is " + request.status() + ": only a pending request is decided");
    }
    if (decidable(caller, request).isEmpty()) {
      boolean own = caller.userId() != null && caller.userId().equals(request.requestedByUser())
          || caller.describe().equals(request.requestedBy());
      throw new Conflict(own
          ? "You submitted this request: another approver of its rules decides it"
          : "You are not an approver of this request's remaining rules ("
              + String.join("; ", request.rules().stream().filter(r -> !r.approved())
                  .map(r -> r.kind() + ": " + r.rule().approversText()).toList()) + ")");
    }
    return request;
  }

  private ApprovalRequest save(Caller caller, ApprovalRequest decided, String action, String detail) {
    if (!requests.update(decided)) {
      throw new Conflict("The approval request changed at the same time; reload and try again");
    }
    audit.record(caller, action, ApprovalDesk.describe(decided), detail);
    events.publishEvent(new ApprovalDecided(decided.organizationId(), decided.subjectType(), decided.subjectId(),
        decided.id(), decided.status(), caller.describe(), decided.comment()));
    notices.decided(decided);
    return get(caller, decided.id());
  }

  private static String text(String comment) {
    if (comment == null || comment.isBlank()) {
      return null;
    }
    String c = comment.strip();
    if (c.length() > COMMENT_MAX) {
      throw new InvalidInput("comment", "must be at most " + COMMENT_MAX + " characters");
    }
    return c;
  }
}
