package org.offerdesk.app.notifications.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.notifications.NotificationType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's team notifications: the signed-in user's notifications (the navbar bell counts the unread
 * ones, see {@link NotificationBell}) and their preferences (Settings → Notifications, for every user).
 */
@Controller
class InboxPages {

  private static final int PAGE_SIZE = 50;

  private final TeamInbox inbox;

  InboxPages(TeamInbox inbox) {
    this.inbox = inbox;
  }

  @GetMapping("/notifications")
  String list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) Boolean unread,
      @RequestParam(required = false) String cursor, Model model) {
    boolean unreadOnly = Boolean.TRUE.equals(unread);
    model.addAttribute("page", inbox.list(caller, unreadOnly, cursor, PAGE_SIZE));
    model.addAttribute("unreadOnly", unreadOnly);
    model.addAttribute("unreadCount", inbox.unreadCount(caller));
    return "notifications/inbox";
  }

  /**
   * Opens a notification: marks it read and goes to what it is about. A GET, so that it is an ordinary
   * link (middle-click opens it in a tab); marking one's own notification read is harmless to repeat.
   */
  @GetMapping("/notifications/{id:[0-9a-fA-F-]{36}}/open")
  String open(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
    Notification n = inbox.read(caller, id);
    return "redirect:" + (n.link() == null ? "/notifications" : n.link());
  }

  @PostMapping("/notifications/read-all")
  String readAll(@AuthenticationPrincipal Caller caller, RedirectAttributes redirect) {
    int marked = inbox.readAll(caller);
    redirect.addFlashAttribute("notice", marked == 1 ? "1 notification marked read." : marked + " notifications marked read.");
    return "redirect:/notifications";
  }

  @GetMapping("/settings/notifications")
  String preferences(@AuthenticationPrincipal Caller caller, Model model) {
    model.addAttribute("preferences", inbox.preferences(caller));
    return "notifications/preferences";
  }

  /**
   * Saves the grid. Each row posts its type in {@code types} and a checked box posts
   * {@code <TYPE>.console} or {@code <TYPE>.email}, so an unchecked box (which posts nothing) turns off.
   */
  @PostMapping("/settings/notifications")
  String savePreferences(@AuthenticationPrincipal Caller caller, @RequestParam MultiValueMap<String, String> form,
      RedirectAttributes redirect) {
    List<TeamInbox.PreferenceChange> changes = new ArrayList<>();
    for (String name : form.getOrDefault("types", List.of())) {
      NotificationType type;
      try {
        type = NotificationType.valueOf(name);
      } catch (IllegalArgumentException e) {
        continue;
      }
      changes.add(new TeamInbox.PreferenceChange(type, form.containsKey(name + ".console"),
          form.containsKey(name + ".email")));
    }
    inbox.changePreferences(caller, changes);
    redirect.addFlashAttribute("notice", "Notification preferences saved.");
    return "redirect:/settings/notifications";
  }
}
