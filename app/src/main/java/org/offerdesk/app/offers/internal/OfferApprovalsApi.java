package org.offerdesk.app.offers.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.offerdesk.app.approvals.ApprovalState;
import org.offerdesk.app.identity.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An offer's approval through the API: where it stands, and submitting a draft for approval. */
@RestController
@RequestMapping("/api/v1/offers/{id}")
@Tag(name = "Offers")
class OfferApprovalsApi {

  private final OfferCommands commands;
  private final OfferApprovals approvals;

  OfferApprovalsApi(OfferCommands commands, OfferApprovals approvals) {
    this.commands = commands;
    this.approvals = approvals;
  }

  /** Whether publishing waits for an approval, the rules the offer triggers now, and its latest request. */
  @GetMapping("/approval")
  @PreAuthorize("hasAuthority('OFFERS_VIEW')")
  ApprovalState approval(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return approvals.state(commands.get(caller, id));
  }

  @PostMapping("/approval-requests")
  @PreAuthorize("hasAuthority('OFFERS_EDIT')")
  ResponseEntity<ApprovalState.Submitted> submit(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    ApprovalState state = approvals.submit(caller, commands.get(caller, id));
    return ResponseEntity.created(state.requestUri()).body(state.submitted());
  }
}
