package org.offerdesk.sandbox.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The account feed's keys: the GUID by which billing events and every data feed name an account, one per 12-digit
 * account ID, made on first use. Insert-if-absent then read, so every writer of feeds agrees on the key.
 *
 * <p>A key never changes once committed, so the keys are remembered: those read inside a transaction are kept for
 * the rest of it, and for good once it commits (a key it made would be rolled back with it, so a transaction that
 * does not commit leaves nothing behind). The next asks for a remembered key cost no statement.
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

  /** The account-feed key of a 12-digit account ID (blanks around it ignored; none for none), made if missing. */
  public UUID keyOf(String awsAccountId) {
    if (awsAccountId == null) {
      return null;
    }
    String id = awsAccountId.trim();
    Map<String, UUID> read = readHere();
    UUID known = known(id, read);
    if (known != null) {
      return known;
    }
    jdbc.update("INSERT INTO feed_account (account_id, aws_account_id, created_at) VALUES (?, ?, ?) "
        + "ON CONFLICT (aws_account_id) DO NOTHING", UUID.randomUUID(), id, Timestamp.from(clock.instant()));
    UUID key = jdbc.queryForObject("SELECT account_id FROM feed_account WHERE aws_account_id = ?", UUID.class, id);
    read.put(id, key);
    return key;
  }

  /**
   * The account-feed keys of several 12-digit account IDs (blanks ignored, nulls skipped), those without one made:
   * the ones not remembered in two statements whatever their number (in the order of the IDs, as {@link #keyOf}
   * one at a time would lock them).
   */
  public Map<String, UUID> keysOf(Collection<String> awsAccountIds) {
    Map<String, UUID> read = readHere();
    Map<String, UUID> found = new HashMap<>();
    List<String> unknown = new ArrayList<>();
    awsAccountIds.stream().filter(Objects::nonNull).map(String::trim).distinct().sorted().forEach(id -> {
      UUID known = known(id, read);
      if (known != null) {
        found.put(id, known);
      } else {
        unknown.add(id);
      }
    });
    if (unknown.isEmpty()) {
      return found;
    }
    String[] ids = unknown.toArray(String[]::new);
    String[] keys = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      keys[i] = UUID.randomUUID().toString();
    }
    jdbc.update("INSERT INTO feed_account (account_id, aws_account_id, created_at) "
        + "SELECT k, a, ? FROM unnest(CAST(? AS uuid[]), CAST(? AS text[])) AS n (k, a) ORDER BY a "
        + "ON CONFLICT (aws_account_id) DO NOTHING", Timestamp.from(clock.instant()), keys, ids);
    jdbc.query("SELECT aws_account_id, account_id FROM feed_account WHERE aws_account_id = ANY (CAST(? AS char(12)[]))",
        rs -> {
          UUID key = rs.getObject(2, UUID.class);
          String id = rs.getString(1).trim();
          read.put(id, key);
          found.put(id, key);
        }, (Object) ids);
    return found;
  }

  private UUID known(String id, Map<String, UUID> read) {
    UUID key = committed.get(id);
    return key != null ? key : read.get(id);
  }

  /**
   * Where the keys read now are remembered: outside a transaction, with the committed ones; inside one, in a map of
   * its own, added to the committed ones when it commits and dropped when it ends otherwise. A transaction suspended
   * for another (REQUIRES_NEW) takes its map along, so the inner one starts its own.
   */
  @SuppressWarnings("unchecked")
  private Map<String, UUID> readHere() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return committed;
    }
    Map<String, UUID> read = (Map<String, UUID>) TransactionSynchronizationManager.getResource(this);
    if (read != null) {
      return read;
    }
    Map<String, UUID> fresh = new HashMap<>();
    TransactionSynchronizationManager.bindResource(this, fresh);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void suspend() {
        TransactionSynchronizationManager.unbindResource(FeedAccounts.this);
      }

      @Override
      public void resume() {
        TransactionSynchronizationManager.bindResource(FeedAccounts.this, fresh);
      }

      @Override
      public void afterCommit() {
        committed.putAll(fresh);
      }

      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(FeedAccounts.this);
      }
    });
    return fresh;
  }
}
