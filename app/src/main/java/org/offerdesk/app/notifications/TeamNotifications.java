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

  /**
   * Readies the email of each of these types so that the first notices of them after a start do not pay for it: the
   * first render of a template parses it and runs the template engine's code cold (bench P4: the first sync's news
   * took 1.2–8.5 s in the warm-ups against 0.14–0.50 s later, most of it the first render on the sync's thread and
   * the JIT). Writes nothing; for a thread that is otherwise idle, before the notices are due. Only the first call
   * for a type does anything.
   */
  void prepare(java.util.Collection<NotificationType> types);
}
