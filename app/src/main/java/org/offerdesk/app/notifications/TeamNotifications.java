package org.offerdesk.app.notifications;

/**
 * Tells an organization's team what happened, in the console (each user's notifications, with a bell
 * in the navbar) and by email, as each user chose in Settings → Notifications.
 */
public interface TeamNotifications {

  /**
   * Inside the caller's transaction: who gets it (by role and each user's preferences), in the console
   * and/or by email, is decided now; emails go through {@link Emails#queue}. Nothing of it exists unless
   * the caller's transaction commits. Never throws for delivery reasons (a user whose email cannot be
   * queued still gets the console entry).
   *
   * @throws IllegalArgumentException when the notice lacks its organization, type or dedupe key
   */
  void notify(TeamNotice notice);

  /**
   * As {@link #notify} for each of {@code notices}, in the caller's transaction, written in a few statements for
   * all of them (who hears of each type is read once): for work that tells of many things at once, such as a
   * batch of marketplace events' new orders.
   *
   * @throws IllegalArgumentException when a notice lacks its organization, type or dedupe key (nothing is written)
   */
  void notifyAll(java.util.List<TeamNotice> notices);
}
