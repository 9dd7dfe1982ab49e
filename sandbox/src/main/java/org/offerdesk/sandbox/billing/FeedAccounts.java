package org.offerdesk.sandbox.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

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

  public FeedAccounts(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The account-feed key of a 12-digit account ID, created if the account has none yet. */
  public UUID keyOf(String awsAccountId) {
    jdbc.update("INSERT INTO feed_account (account_id, aws_account_id, created_at) VALUES (?, ?, ?) "
        + "ON CONFLICT (aws_account_id) DO NOTHING", UUID.randomUUID(), awsAccountId, Timestamp.from(clock.instant()));
    return jdbc.queryForObject("SELECT account_id FROM feed_account WHERE aws_account_id = ?", UUID.class, awsAccountId);
  }
}
