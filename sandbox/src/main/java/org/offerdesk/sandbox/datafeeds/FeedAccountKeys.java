package org.offerdesk.sandbox.datafeeds;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The account-feed key (a GUID) of a 12-digit account, from table {@code feed_account}, created when the
 * account first appears in a feed. Billing creates the same rows the same way (insert unless present, then
 * read), so whichever side comes first, both agree on the key.
 */
@Repository
class FeedAccountKeys {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  /** Keys met during the current delivery; forgotten when the next one starts, so a rollback cannot leave one wrong. */
  private final Map<String, UUID> known = new ConcurrentHashMap<>();

  FeedAccountKeys(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void forget() {
    known.clear();
  }

  UUID keyOf(String awsAccountId) {
    if (awsAccountId == null) {
      return null;
    }
    return known.computeIfAbsent(awsAccountId.trim(), this::lookUpOrCreate);
  }

  private UUID lookUpOrCreate(String id) {
    jdbc.update("INSERT INTO feed_account (account_id, aws_account_id, created_at) VALUES (?, ?, ?) "
        + "ON CONFLICT (aws_account_id) DO NOTHING", UUID.randomUUID(), id, Timestamp.from(clock.instant()));
    return jdbc.queryForObject("SELECT account_id FROM feed_account WHERE aws_account_id = ?", UUID.class, id);
  }
}
