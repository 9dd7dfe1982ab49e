package org.offerdesk.app.notifications;

public interface TeamNotifications {

  void notify(TeamNotice notice);
}
