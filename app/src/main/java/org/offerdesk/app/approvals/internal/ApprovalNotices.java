package org.offerdesk.app.approvals.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.offerdesk.app.approvals.ApprovalStatus;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.identity.TeamDirectory;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.notifications.TeamNotice;
import org.offerdesk.app.notifications.TeamNotifications;
import org.springframework.stereotype.Component;

/**
 * Who may decide a request's rules, and telling them (a request) and the rep who submitted it (a decision),
 * in the console and by email as each chose.
 *
 * <p>Self-approval: the member who submitted a request may approve one of its rules only when nobody else
 * can (a one-person team, or a rule naming only them); otherwise another approver decides. They are told of
 * their own request only in that case.
 */
@Component
class ApprovalNotices {

  private final TeamDirectory directory;
  private final TeamNotifications notifications;

  ApprovalNotices(TeamDirectory directory, TeamNotifications notifications) {
    this.directory = directory;
    this.notifications = notifications;
  }

  /** The active members who may approve the rule, leaving out the submitter unless nobody else may. */
  Set<UUID> approvers(UUID organizationId, ApprovalRequest request, ApprovalRule rule) {
    Set<UUID> able = directory.activeMembers(organizationId, Set.of(Role.values())).stream()
        .filter(m -> rule.approvableBy(m.email(), m.role())).map(TeamDirectory.Member::userId)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    if (able.size() > 1 || !able.contains(request.requestedByUser())) {
      able.remove(request.requestedByUser());
    }
    return able;
  }

  void requested(ApprovalRequest request) {
    Set<UUID> to = new LinkedHashSet<>();
    request.rules().forEach(r -> to.addAll(approvers(request.organizationId(), request, r.rule())));
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Offer", request.title());
    request.facts().forEach(f -> facts.put(f.label(), f.value()));
    facts.put("Rules", String.join(", ", request.kinds()));
    notifications.notify(new TeamNotice(request.organizationId(), NotificationType.APPROVAL_REQUESTED,
        "\"" + request.title() + "\" needs your approval", request.requestedBy() + " submitted it: "
            + request.rules().stream().map(ApprovalRequest.RequestRule::reason).collect(Collectors.joining("; ")),
        "/approval-requests/" + request.id(), facts, "approval-requested:" + request.id(), to));
  }

  void decided(ApprovalRequest request) {
    if (request.requestedByUser() == null || request.status() == ApprovalStatus.PENDING) {
      return;
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Offer", request.title());
    facts.put("Decision", request.status().name());
    facts.put("Comment", request.comment());
    notifications.notify(new TeamNotice(request.organizationId(), NotificationType.APPROVAL_DECIDED,
        "\"" + request.title() + "\" was " + request.status().name().toLowerCase(),
        request.decidedBy() + (request.comment() == null ? "" : ": " + request.comment()), request.link(), facts,
        "approval-decided:" + request.id(), Set.of(request.requestedByUser())));
  }
}
