package org.offerdesk.app.notifications.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.notifications.NotificationType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification_preference table: the choices users made; anything not chosen is on. */
@Repository
class Preferences {

  private final JdbcClient jdbc;

  Preferences(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A user's preferences for the given types, defaults filled in. */
  List<Preference> of(UUID userId, List<NotificationType> types) {
    Map<String, Boolean> chosen = new HashMap<>();
    jdbc.sql("SELECT type, channel, enabled FROM notification_preference WHERE user_id = ?").param(userId)
        .query(rs -> {
          chosen.put(rs.getString("type") + "/" + rs.getString("channel"), rs.getBoolean("enabled"));
        });
    return types.stream().map(t -> new Preference(t, NoticeRules.label(t), NoticeRules.wording(t).description(),
        chosen.getOrDefault(t.name() + "/" + Channel.CONSOLE, true),
        chosen.getOrDefault(t.name() + "/" + Channel.EMAIL, true))).toList();
  }

  void set(UUID userId, NotificationType type, Channel channel, boolean enabled, Instant at) {
    jdbc.sql("""
        INSERT INTO notification_preference (user_id, type, channel, enabled, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (user_id, type, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at
        """)
        .params(userId, type.name(), channel.name(), enabled, Timestamp.from(at))
        .update();
  }
}
