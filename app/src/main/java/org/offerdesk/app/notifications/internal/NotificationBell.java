package org.offerdesk.app.notifications.internal;

import org.offerdesk.app.identity.Callers;
import org.springframework.stereotype.Component;

/**
 * The navbar bell's unread count, which {@code layout.html} reads as {@code ${@notificationBell.unread()}}
 * while rendering any console page (rendered with the page rather than fetched by htmx, so that pages
 * which do not poll stay free of htmx requests). Public only so that the template can call it.
 */
@Component("notificationBell")
public class NotificationBell {

  private final TeamInbox inbox;

  NotificationBell(TeamInbox inbox) {
    this.inbox = inbox;
  }

  /** The signed-in user's unread notifications; 0 for anyone else. */
  public long unread() {
    return Callers.current().map(inbox::unreadCount).orElse(0L);
  }
}
