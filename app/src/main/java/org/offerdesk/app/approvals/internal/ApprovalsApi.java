package org.offerdesk.app.approvals.internal;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.approvals.ApprovalStatus;
import org.offerdesk.app.approvals.ApprovalSubject.SubjectType;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.identity.Role;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.TableParams;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Approval rules and requests through the API: what the Settings → Approval rules and Approvals pages do. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Approvals")
class ApprovalsApi {

  /** The organization's rules, in order. */
  record RulesBody(List<ApprovalRules.RuleInput> items) {}

  /** A rule as the API writes it back. */
  record RuleView(String kind, String threshold, Role approverRole, List<String> approvers) {
    static RuleView of(ApprovalRule r) {
      return new RuleView(r.kind().name(), r.thresholdText(), r.approverRole(), r.approvers());
    }
  }

  /** An approver's comment. */
  record CommentBody(String comment) {}

  /** One request: the subject, the rules it triggered with each one's approval, the facts, the decision. */
  record RequestView(UUID id, SubjectType subjectType, UUID subjectId, String title, String link,
      ApprovalStatus status, List<ApprovalRequest.RequestRule> rules, List<ApprovalRequest.Fact> facts,
      String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String comment) {
    static RequestView of(ApprovalRequest r) {
      return new RequestView(r.id(), r.subjectType(), r.subjectId(), r.title(), r.link(), r.status(), r.rules(),
          r.facts(), r.requestedBy(), r.requestedAt(), r.decidedBy(), r.decidedAt(), r.comment());
    }
  }

  private final ApprovalRules rules;
  private final ApprovalDecisions decisions;
  private final ApprovalRequestStore requests;

  ApprovalsApi(ApprovalRules rules, ApprovalDecisions decisions, ApprovalRequestStore requests) {
    this.rules = rules;
    this.decisions = decisions;
    this.requests = requests;
  }

  @GetMapping("/approval-rules")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  Map<String, List<RuleView>> rules(@AuthenticationPrincipal Caller caller) {
    return Map.of("items", rules.of(caller).stream().map(RuleView::of).toList());
  }

  /** Replaces every rule: {@code {"items":[{"kind","threshold","approverRole","approvers"}]}}. */
  @PutMapping("/approval-rules")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  Map<String, List<RuleView>> replace(@AuthenticationPrincipal Caller caller, @RequestBody RulesBody body) {
    return Map.of("items", rules.replace(caller, body.items()).stream().map(RuleView::of).toList());
  }

  /** Requests a page at a time: filters {@code status}, {@code subjectType}, {@code q}; newest first. */
  @GetMapping("/approval-requests")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  @Parameters({
      @Parameter(name = "status", in = ParameterIn.QUERY, schema = @Schema(implementation = ApprovalStatus.class)),
      @Parameter(name = "subjectType", in = ParameterIn.QUERY, schema = @Schema(implementation = SubjectType.class)),
      @Parameter(name = "q", in = ParameterIn.QUERY),
      @Parameter(name = "sort", in = ParameterIn.QUERY),
      @Parameter(name = "limit", in = ParameterIn.QUERY, schema = @Schema(implementation = Integer.class)),
      @Parameter(name = "cursor", in = ParameterIn.QUERY)})
  CursorPage<RequestView> list(@AuthenticationPrincipal Caller caller,
      @Parameter(hidden = true) @RequestParam Map<String, String> params) {
    TableParams p = TableParams.strict(params);
    ApprovalTable.Filter filter = ApprovalTable.Filter.from(p);
    return requests.table(caller.organizationId(), filter).page(p.page(ApprovalTable.sort(p),
        CursorPage.DEFAULT_LIMIT)).map(RequestView::of);
  }

  @GetMapping("/approval-requests/{id}")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  RequestView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return RequestView.of(decisions.get(caller, id));
  }

  @PostMapping("/approval-requests/{id}/approve")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  RequestView approve(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody(required = false) CommentBody body) {
    return RequestView.of(decisions.approve(caller, id, body == null ? null : body.comment()));
  }

  @PostMapping("/approval-requests/{id}/reject")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  RequestView reject(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestBody(required = false) CommentBody body) {
    return RequestView.of(decisions.reject(caller, id, body == null ? null : body.comment()));
  }
}
