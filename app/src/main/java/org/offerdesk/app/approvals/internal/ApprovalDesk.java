package org.offerdesk.app.approvals.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.offerdesk.app.approvals.ApprovalState;
import org.offerdesk.app.approvals.ApprovalStatus;
import org.offerdesk.app.approvals.ApprovalSubject;
import org.offerdesk.app.approvals.Approvals;
import org.offerdesk.app.approvals.RuleKind;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.FieldError;
import org.offerdesk.app.identity.AuditLog;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.sql.SqlReads;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The gate before publishing, and submitting: which rules a subject triggers, whether an approval covers its
 * facts as they are now, and sending an approval back when a field a rule reads changes. Deciding a request is
 * {@link ApprovalDecisions}.
 */
@Service
class ApprovalDesk implements Approvals {

  private final ApprovalRuleStore rules;
  private final ApprovalRequestStore requests;
  private final ApprovalNotices notices;
  private final AuditLog audit;
  private final Clock clock;
  private final ApprovalDecisions decisions;

  ApprovalDesk(ApprovalRuleStore rules, ApprovalRequestStore requests, ApprovalNotices notices, AuditLog audit,
      Clock clock, ApprovalDecisions decisions) {
    this.decisions = decisions;
    this.rules = rules;
    this.requests = requests;
    this.notices = notices;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public boolean canDecide(Caller caller, UUID requestId) {
    return requests.find(caller.organizationId(), requestId)
        .map(r -> !decisions.decidable(caller, r).isEmpty()).orElse(false);
  }

  @Override
  public SqlReads.Read<Long> waiting(UUID organizationId) {
    return requests.pending(organizationId);
  }

  @Override
  public boolean hasRule(UUID organizationId, RuleKind kind) {
    return rules.hasRule(organizationId, kind);
  }

  @Override
  @Transactional
  public ApprovalState state(ApprovalSubject subject) {
    return state(subject, triggered(subject));
  }

  private List<RuleEvaluation.Triggered> triggered(ApprovalSubject subject) {
    return RuleEvaluation.triggered(rules.rules(subject.organizationId()), subject.facts());
  }

  private ApprovalState state(ApprovalSubject subject, List<RuleEvaluation.Triggered> triggered) {
    Optional<ApprovalRequest> latest = requests.latest(subject.organizationId(), subject.id());
    boolean needed = !triggered.isEmpty() && !covers(latest, triggered, subject);
    return new ApprovalState(needed, triggered.stream().map(RuleEvaluation.Triggered::view).toList(),
        latest.map(ApprovalRequest::id).orElse(null), latest.map(ApprovalRequest::status).orElse(null),
        latest.map(ApprovalRequest::comment).orElse(null));
  }

  @Override
  @Transactional
  public void requireApproval(ApprovalSubject subject) {
    // No rule applies (most publishes): no approval request to look up, one statement fewer a publish.
    List<RuleEvaluation.Triggered> triggered = triggered(subject);
    if (triggered.isEmpty()) {
      return;
    }
    ApprovalState state = state(subject, triggered);
    if (!state.needed()) {
      return;
    }
    String named = state.triggered().stream().map(t -> t.kind() + " (" + t.reason() + ")")
        .collect(Collectors.joining("; "));
    String next = state.requestStatus() == ApprovalStatus.PENDING
        ? "Its approval request is waiting for an approver."
        : state.requestStatus() == ApprovalStatus.REJECTED
            ? "Its approval request was rejected" + (state.comment() == null ? "" : ": " + state.comment())
                + ". Change it and submit it again."
            : "Submit it for approval first: POST /api/v1/" + (subject.type() == ApprovalSubject.SubjectType.OFFER
                ? "offers/" : "resale-authorizations/") + subject.id() + "/approval-requests.";
    throw new Conflict("Publishing needs approval under this organization's rules: " + named + ". " + next,
        state.triggered().stream().map(t -> new FieldError("approval." + t.kind(), t.reason())).toList());
  }

  @Override
  @Transactional
  public ApprovalState submit(Caller caller, ApprovalSubject subject) {
    List<RuleEvaluation.Triggered> triggered = RuleEvaluation.triggered(rules.rules(subject.organizationId()),
        subject.facts());
    if (triggered.isEmpty()) {
      throw new Conflict("No approval rule applies to " + subject.title() + ": it can be published as it is");
    }
    Optional<ApprovalRequest> latest = requests.latest(subject.organizationId(), subject.id());
    if (latest.isPresent() && latest.get().status() == ApprovalStatus.PENDING) {
      throw new Conflict(subject.title() + " is already waiting for approval (request " + latest.get().id() + ")");
    }
    if (covers(latest, triggered, subject)) {
      throw new Conflict(subject.title() + " is already approved as it is: publish it");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    ApprovalRequest request = new ApprovalRequest(UUID.randomUUID(), subject.organizationId(), subject.type(),
        subject.id(), subject.title(), subject.link(), ApprovalStatus.PENDING,
        triggered.stream().map(t -> new ApprovalRequest.RequestRule(t.rule().kind().name(), t.rule().thresholdText(),
            t.reason(), t.rule().approverRole(), t.rule().approvers(), null, null)).toList(),
        ApprovalFacts.of(subject), subject.watched(), caller.describe(), caller.userId(), now, null, null, null, 0);
    requests.insert(request);
    audit.record(caller, "approval.requested", describe(request), String.join(", ", request.kinds()));
    notices.requested(request);
    return new ApprovalState(true, triggered.stream().map(RuleEvaluation.Triggered::view).toList(), request.id(),
        ApprovalStatus.PENDING, null);
  }

  @Override
  @Transactional
  public Optional<String> edited(String actor, ApprovalSubject subject) {
    Optional<ApprovalRequest> latest = requests.latest(subject.organizationId(), subject.id());
    if (latest.isEmpty() || !EnumSet.of(ApprovalStatus.PENDING, ApprovalStatus.APPROVED)
        .contains(latest.get().status())) {
      return Optional.empty();
    }
    Set<String> read = new TreeSet<>();
    rules.rules(subject.organizationId()).forEach(r -> read.addAll(r.kind().watches()));
    List<String> changed = changed(latest.get().watched(), subject.watched(), read);
    if (changed.isEmpty()) {
      return Optional.empty();
    }
    ApprovalRequest request = latest.get();
    String fields = String.join(", ", changed);
    ApprovalRequest superseded = request.decided(ApprovalStatus.SUPERSEDED, request.rules(), actor,
        clock.instant().truncatedTo(ChronoUnit.MICROS), "changed after it was submitted: " + fields);
    if (!requests.update(superseded)) {
      throw new Conflict("The approval request was decided at the same time; reload and try again");
    }
    audit.record(subject.organizationId(), actor, "approval.superseded", describe(request),
        request.status() + " before; changed: " + fields);
    return Optional.of(fields);
  }

  /** Whether the latest request approved every triggered rule, for the same values of the fields they read. */
  private static boolean covers(Optional<ApprovalRequest> latest, List<RuleEvaluation.Triggered> triggered,
      ApprovalSubject subject) {
    if (latest.isEmpty() || latest.get().status() != ApprovalStatus.APPROVED) {
      return false;
    }
    Set<String> read = new TreeSet<>();
    triggered.forEach(t -> read.addAll(t.rule().kind().watches()));
    return latest.get().kinds().containsAll(triggered.stream().map(t -> t.rule().kind().name()).toList())
        && changed(latest.get().watched(), subject.watched(), read).isEmpty();
  }

  private static List<String> changed(Map<String, String> before, Map<String, String> now, Set<String> fields) {
    List<String> changed = new ArrayList<>();
    for (String field : fields) {
      if (!Objects.equals(before.get(field), now.get(field))) {
        changed.add(field);
      }
    }
    return changed;
  }

  static String describe(ApprovalRequest r) {
    return "approval request for " + r.title() + " (" + r.id() + ")";
  }
}
