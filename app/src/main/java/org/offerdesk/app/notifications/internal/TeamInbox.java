package org.offerdesk.app.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.errors.Conflict;
import org.offerdesk.app.errors.InvalidInput;
import org.offerdesk.app.errors.NotFound;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.notifications.NotificationType;
import org.offerdesk.app.web.CursorPage;
import org.offerdesk.app.sql.SqlReads;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a signed-in user does with their own notifications and preferences. An API token is no person:
 * it has no notifications (its list is empty, any one of them is not found) and no preferences.
 */
@Service
class TeamInbox {

  /** A change to one type's preferences; a null channel is left as it is. */
  record PreferenceChange(NotificationType type, Boolean console, Boolean email) {}

  private final Notices notices;
  private final Preferences preferences;
  private final Clock clock;
  private final SqlReads reads;

  TeamInbox(Notices notices, Preferences preferences, Clock clock, SqlReads reads) {
    this.notices = notices;
    this.preferences = preferences;
    this.clock = clock;
    this.reads = reads;
  }

  static boolean hasInbox(Caller caller) {
    return !caller.isToken() && caller.userId() != null;
  }

  CursorPage<Notification> list(Caller caller, boolean unreadOnly, String cursor, int limit) {
    CursorPage.Position after = CursorPage.decode(cursor);
    if (!hasInbox(caller)) {
      return new CursorPage<>(List.of(), null);
    }
    return notices.list(caller.organizationId(), caller.userId(), unreadOnly, after, limit);
  }

  long unreadCount(Caller caller) {
    return unread(caller).map(reads::one).orElse(0L);
  }

  /** The read of the caller's unread count; none for a caller without an inbox (whose count is 0). */
  Optional<SqlReads.Read<Long>> unread(Caller caller) {
    return hasInbox(caller) ? Optional.of(notices.unreadCount(caller.organizationId(), caller.userId()))
        : Optional.empty();
  }

  /** Marks a notification read and returns it. */
  @Transactional
  Notification read(Caller caller, UUID id) {
    get(caller, id);
    notices.markRead(caller.organizationId(), caller.userId(), id, now());
    return get(caller, id);
  }

  @Transactional
  int readAll(Caller caller) {
    return hasInbox(caller) ? notices.markAllRead(caller.organizationId(), caller.userId(), now()) : 0;
  }

  Notification get(Caller caller, UUID id) {
    return (hasInbox(caller) ? notices.find(caller.organizationId(), caller.userId(), id) : java.util.Optional
        .<Notification>empty()).orElseThrow(() -> new NotFound("Notification " + id));
  }

  /** The caller's preferences for every type their role hears of. */
  List<Preference> preferences(Caller caller) {
    requirePerson(caller);
    return preferences.of(caller.userId(), NoticeRules.typesFor(caller.role()));
  }

  @Transactional
  List<Preference> changePreferences(Caller caller, List<PreferenceChange> changes) {
    requirePerson(caller);
    Instant at = now();
    for (PreferenceChange c : changes) {
      if (c == null || c.type() == null) {
        throw new InvalidInput("preferences[].type", "is required");
      }
      if (c.console() != null) {
        preferences.set(caller.userId(), c.type(), Channel.CONSOLE, c.console(), at);
      }
      if (c.email() != null) {
        preferences.set(caller.userId(), c.type(), Channel.EMAIL, c.email(), at);
      }
    }
    return preferences(caller);
  }

  private static void requirePerson(Caller caller) {
    if (!hasInbox(caller)) {
      throw new Conflict("Notification preferences belong to a signed-in user; an API token has none");
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
