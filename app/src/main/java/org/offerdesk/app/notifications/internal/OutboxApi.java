package org.offerdesk.app.notifications.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CursorPage;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The outbox API: every email the organization sent or would have sent, for admins. */
@RestController
@RequestMapping("/api/v1/outbox")
@Tag(name = "Outbox")
class OutboxApi {

  private final OutboxAdmin outbox;

  OutboxApi(OutboxAdmin outbox) {
    this.outbox = outbox;
  }

  /** Newest first; {@code status} and {@code recipient} (a partial address) filter. */
  @GetMapping
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  CursorPage<EmailView> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String status,
      @RequestParam(required = false) String recipient, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return outbox.list(caller, OutboxAdmin.filter(status, recipient), cursor, CursorPage.limit(limit))
        .map(EmailView::summary);
  }

  @GetMapping("/{id}")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  EmailView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return EmailView.full(outbox.get(caller, id));
  }

  /** Delivers a parked email again. */
  @PostMapping("/{id}/retry")
  @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
  EmailView retry(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return EmailView.full(outbox.retry(caller, id));
  }
}
