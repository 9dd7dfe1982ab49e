package org.offerdesk.app.approvals.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.approvals.ApprovalStatus;
import org.offerdesk.app.errors.DomainException;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.web.table.CountChip;
import org.offerdesk.app.web.table.PageRequest;
import org.offerdesk.app.web.table.TableParams;
import org.offerdesk.app.web.table.TableView;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Approvals pages: every request in one table (pending first by the status chips), and one request
 * with the facts and rules an approver decides on, approve and reject with a comment.
 */
@Controller
class ApprovalPages {

  static final int PAGE_SIZE = 50;

  /** The status badges' colours. */
  static final Map<ApprovalStatus, String> STATUS_STYLES = Map.of(
      ApprovalStatus.PENDING, "text-bg-warning", ApprovalStatus.APPROVED, "text-bg-success",
      ApprovalStatus.REJECTED, "text-bg-danger", ApprovalStatus.SUPERSEDED, "text-bg-secondary");

  private final ApprovalRequestStore requests;
  private final ApprovalDecisions decisions;

  ApprovalPages(ApprovalRequestStore requests, ApprovalDecisions decisions) {
    this.requests = requests;
    this.decisions = decisions;
  }

  @GetMapping("/approval-requests")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  String list(@AuthenticationPrincipal Caller caller, @RequestParam Map<String, String> params, Model model) {
    TableParams p = TableParams.lenient(params);
    ApprovalTable.Filter filter = ApprovalTable.Filter.from(p);
    PageRequest<ApprovalRequest> request = p.page(ApprovalTable.sort(p), PAGE_SIZE);
    CursorPage<ApprovalRequest> page = requests.table(caller.organizationId(), filter).page(request);
    TableView view = TableView.of("/approval-requests", null, p, ApprovalTable.fields(), page);
    List<CountChip> chips = CountChip.of(ApprovalStatus.class, requests.table(caller.organizationId(),
        filter.anyStatus()).countBy("status", ApprovalStatus.class), view, "status", STATUS_STYLES::get);
    model.addAttribute("table", view);
    model.addAttribute("rows", page.items());
    model.addAttribute("chips", chips);
    model.addAttribute("total", CountChip.total(chips));
    model.addAttribute("statusStyles", STATUS_STYLES);
    return "approvals/index";
  }

  @GetMapping("/approval-requests/{id}")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  String request(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
    ApprovalRequest request = decisions.get(caller, id);
    model.addAttribute("request", request);
    model.addAttribute("decidable", decisions.decidable(caller, request).stream()
        .map(ApprovalRequest.RequestRule::kind).toList());
    model.addAttribute("statusStyles", STATUS_STYLES);
    return "approvals/request";
  }

  @PostMapping("/approval-requests/{id}/approve")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  String approve(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam(required = false) String comment, RedirectAttributes redirect) {
    decisions.get(caller, id);
    try {
      ApprovalRequest decided = decisions.approve(caller, id, comment);
      redirect.addFlashAttribute("notice", decided.status() == ApprovalStatus.APPROVED
          ? "Approved: the rep can publish it now." : "Approved your part: other approvers still decide the rest.");
    } catch (DomainException problem) {
      redirect.addFlashAttribute("alert", "Not approved: " + problem.getMessage());
    }
    return "redirect:/approval-requests/" + id;
  }

  @PostMapping("/approval-requests/{id}/reject")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  String reject(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
      @RequestParam(required = false) String comment, RedirectAttributes redirect) {
    decisions.get(caller, id);
    try {
      decisions.reject(caller, id, comment);
      redirect.addFlashAttribute("notice", "Rejected: the rep is told why.");
    } catch (DomainException problem) {
      redirect.addFlashAttribute("alert", "Not rejected: " + (problem.errors().isEmpty() ? problem.getMessage()
          : "the comment " + problem.errors().get(0).message()));
    }
    return "redirect:/approval-requests/" + id;
  }
}
