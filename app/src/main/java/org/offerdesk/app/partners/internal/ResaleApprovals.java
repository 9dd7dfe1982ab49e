package org.offerdesk.app.partners.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.offerdesk.app.approvals.ApprovalDecided;
import org.offerdesk.app.approvals.ApprovalState;
import org.offerdesk.app.approvals.ApprovalSubject;
import org.offerdesk.app.approvals.Approvals;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.identity.Caller;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A resale authorization before the approvals gate: with a RESALE_AUTHORIZATION rule, every grant to a
 * partner needs an approval before it is published; any change to its terms after approval sends it back.
 * The decisions are on its timeline.
 */
@Service
class ResaleApprovals {

  private final Approvals approvals;
  private final ResaleAuthorizationStore store;
  private final ObjectMapper mapper;
  private final Clock clock;

  ResaleApprovals(Approvals approvals, ResaleAuthorizationStore store, ObjectMapper mapper, Clock clock) {
    this.approvals = approvals;
    this.store = store;
    this.mapper = mapper;
    this.clock = clock;
  }

  ApprovalState state(ResaleAuthorization ra) {
    return approvals.state(subject(ra));
  }

  void requireApproval(ResaleAuthorization ra) {
    approvals.requireApproval(subject(ra));
  }

  void edited(Caller caller, ResaleAuthorization ra) {
    approvals.edited(caller.describe(), subject(ra)).ifPresent(fields -> store.record(ra, "approval needed again",
        "changed after it was submitted", caller.describe(), clock.instant(), null));
  }

  @Transactional
  ApprovalState submit(Caller caller, ResaleAuthorization ra) {
    if (!ra.status().isDraft()) {
      throw new Conflict("Only a draft is submitted for approval; this authorization is " + ra.status());
    }
    ApprovalState state = approvals.submit(caller, subject(ra));
    store.record(ra, "submitted for approval", state.triggered().stream().map(t -> t.kind().name())
        .collect(Collectors.joining(", ")), caller.describe(), clock.instant(), null);
    return state;
  }

  @EventListener
  void decided(ApprovalDecided decided) {
    if (decided.subjectType() != ApprovalSubject.SubjectType.RESALE_AUTHORIZATION) {
      return;
    }
    store.find(decided.organizationId(), decided.subjectId()).ifPresent(ra -> store.record(ra,
        decided.timelineCause(), decided.comment(), decided.approver(), clock.instant(), null));
  }

  private ApprovalSubject subject(ResaleAuthorization ra) {
    String terms;
    try {
      terms = mapper.writeValueAsString(ra.terms());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new ApprovalSubject(ra.organizationId(), ApprovalSubject.SubjectType.RESALE_AUTHORIZATION, ra.id(),
        ra.terms().name() == null ? "resale authorization " + ra.id() : ra.terms().name(),
        "/partners/resale-authorizations/" + ra.id(), ra.createdBy(), ApprovalSubject.Facts.ofResaleGrant(),
        Map.of(ApprovalSubject.RESALE_TERMS, terms));
  }
}
