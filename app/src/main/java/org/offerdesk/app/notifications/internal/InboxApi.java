package org.offerdesk.app.notifications.internal;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.web.CursorPage;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own team notifications and notification preferences. Every user has them, whatever their
 * role. An API token has no notifications: its list is empty and a notification ID is not found; asking
 * for a token's preferences is a conflict.
 */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications")
class InboxApi {

  record PreferencesView(List<Preference> preferences) {}

  record PreferencesChange(List<TeamInbox.PreferenceChange> preferences) {}

  private final TeamInbox inbox;

  InboxApi(TeamInbox inbox) {
    this.inbox = inbox;
  }

  /** Newest first; {@code unread=true} lists only the unread ones. */
  @GetMapping
  CursorPage<Notification> list(@AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) Boolean unread, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return inbox.list(caller, Boolean.TRUE.equals(unread), cursor, CursorPage.limit(limit));
  }

  @PostMapping("/{id}/read")
  Notification read(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    return inbox.read(caller, id);
  }

  /** Marks every unread notification read; answers how many were. */
  @PostMapping("/read-all")
  Map<String, Integer> readAll(@AuthenticationPrincipal Caller caller) {
    return Map.of("marked", inbox.readAll(caller));
  }

  /** For each type the caller's role hears of: whether they get it in the console and by email. */
  @GetMapping("/preferences")
  PreferencesView preferences(@AuthenticationPrincipal Caller caller) {
    return new PreferencesView(inbox.preferences(caller));
  }

  /**
   * Changes the listed types only, for example
   * {@code {"preferences": [{"type": "NEW_ORDER", "email": false}]}}; a channel left out is unchanged.
   */
  @PutMapping("/preferences")
  PreferencesView changePreferences(@AuthenticationPrincipal Caller caller, @RequestBody PreferencesChange change) {
    return new PreferencesView(inbox.changePreferences(caller,
        change == null || change.preferences() == null ? List.of() : change.preferences()));
  }
}
