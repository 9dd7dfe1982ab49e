package org.offerdesk.sandbox.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The account feed's keys: the GUID by which billing events name an account, one per 12-digit account
 * ID, made on first use. Insert-if-absent then read, so every writer of feeds agrees on the key.
 */
@Repository
public class FeedAccounts {

  /** The account that stands for AWS in billing events (listing fees, payouts). */
  public static final String AWS = "000000000000";

  private final JdbcTemplate jdbc;
  private final Clock clock;
  /** Keys read by transactions that committed (or outside of one). */
  private final Map<String, UUID> committed = new ConcurrentHashMap<>();

  public FeedAccounts(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The account-feed key of a 12-digit account ID, created if the account has none yet. A key never changes once
   * committed, so those read are remembered once the transaction that read them commits (one it made would be
   * rolled back with it), and the next asks for them cost no statement.
   */
  public UUID keyOf(String awsAccountId) {
    UUID known = committed.get(awsAccountId);
    if (known != null) {
      return known;
    }
    jdbc.update("INSERT INTO feed_account (account_id, aws_account_id, created_at) VALUES (?, ?, ?) "
        + "ON CONFLICT (aws_account_id) DO NOTHING", UUID.randomUUID(), awsAccountId, Timestamp.from(clock.instant()));
    UUID key = jdbc.queryForObject("SELECT account_id FROM feed_account WHERE aws_account_id = ?", UUID.class,
        awsAccountId);
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          committed.put(awsAccountId, key);
        }
      });
    } else {
      committed.put(awsAccountId, key);
    }
    return key;
  }

  /**
   * The account-feed keys of several 12-digit account IDs, those without one made, in two statements whatever
   * their number (in the order of the IDs, as {@link #keyOf} one at a time would lock them).
   */
  public Map<String, UUID> keysOf(Collection<String> awsAccountIds) {
    String[] ids = awsAccountIds.stream().distinct().sorted().toArray(String[]::new);
    String[] keys = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      keys[i] = UUID.randomUUID().toString();
    }
    jdbc.update("INSERT INTO feed_account (account_id, aws_account_id, created_at) "
        + "SELECT k, a, ? FROM unnest(CAST(? AS uuid[]), CAST(? AS text[])) AS n (k, a) ORDER BY a "
        + "ON CONFLICT (aws_account_id) DO NOTHING", Timestamp.from(clock.instant()), keys, ids);
    Map<String, UUID> found = new HashMap<>();
    jdbc.query("SELECT aws_account_id, account_id FROM feed_account WHERE aws_account_id = ANY (CAST(? AS char(12)[]))",
        rs -> {
          found.put(rs.getString(1).trim(), rs.getObject(2, UUID.class));
        }, (Object) ids);
    return found;
  }
}
