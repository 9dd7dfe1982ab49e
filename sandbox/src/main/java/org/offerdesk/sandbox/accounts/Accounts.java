package org.offerdesk.sandbox.accounts;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.offerdesk.postgres.BoundedMemo;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The accounts of the sandbox, kept in table {@code account}. */
@Repository
public class Accounts {

  private static final String COLUMNS = "account_id, name, kind, access_key_id, secret_access_key, created_at";
  private static final char[] KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final char[] SECRET_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
  /** Past this many signing accounts the memory is emptied rather than grown (a sandbox has a handful). */
  private static final int MAX_KEPT = 10_000;

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final BoundedMemo<String, Account> byAccessKey = new BoundedMemo<>(MAX_KEPT);
  private final BoundedMemo<String, Account> byId = new BoundedMemo<>(MAX_KEPT);

  public Accounts(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public List<Account> all() {
    return jdbc.query("SELECT " + COLUMNS + " FROM account ORDER BY created_at, account_id", Accounts::map);
  }

  /**
   * The account with this ID. The change-set worker, the queues and the events ask for every call they serve, so
   * accounts found outside a transaction are kept in memory as {@link #findByAccessKey} keeps them (a committed
   * account never changes); an unknown ID is asked again each time.
   */
  public Optional<Account> find(String accountId) {
    Account kept = byId.get(accountId);
    if (kept != null) {
      return Optional.of(kept);
    }
    return keep(byId, accountId, jdbc.query("SELECT " + COLUMNS + " FROM account WHERE account_id = ?", Accounts::map,
        accountId).stream().findFirst());
  }

  /**
   * The account that signs with this access key. Every signed call asks, so accounts found outside a
   * transaction are kept in memory: an account's row is never changed or deleted once committed (only
   * {@link #open} writes the table), and an unknown key is asked again each time (it may be opened later, or
   * be temporary credentials).
   */
  public Optional<Account> findByAccessKey(String accessKeyId) {
    Account kept = byAccessKey.get(accessKeyId);
    if (kept != null) {
      return Optional.of(kept);
    }
    return keep(byAccessKey, accessKeyId, jdbc.query("SELECT " + COLUMNS + " FROM account WHERE access_key_id = ?",
        Accounts::map, accessKeyId).stream().findFirst());
  }

  /** Keeps an account found outside a transaction (one read inside may yet be rolled back). */
  private static Optional<Account> keep(BoundedMemo<String, Account> kept, String key, Optional<Account> found) {
    if (found.isPresent() && !TransactionSynchronizationManager.isActualTransactionActive()) {
      kept.put(key, found.get());
    }
    return found;
  }

  /**
   * Opens an account. Sellers and resellers get the given access key, or a new random one; an ID left
   * out is chosen at random.
   */
  @Transactional
  public Account open(NewAccount request) {
    String id = request.accountId() != null ? new AwsAccountId(request.accountId()).value() : newAccountId();
    if (find(id).isPresent()) {
      throw new IllegalArgumentException("Account " + id + " already exists");
    }
    String accessKey = null;
    String secret = null;
    if (request.kind().signsApiCalls()) {
      accessKey = request.accessKeyId() != null ? request.accessKeyId() : "AKIA" + randomText(KEY_CHARS, 16);
      secret = request.secretAccessKey() != null ? request.secretAccessKey() : randomText(SECRET_CHARS, 40);
      if (findByAccessKey(accessKey).isPresent()) {
        throw new IllegalArgumentException("Access key " + accessKey + " is already in use");
      }
    }
    Account account = new Account(new AwsAccountId(id), request.name(), request.kind(), accessKey, secret, clock.instant());
    jdbc.update(
        "INSERT INTO account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
        id, account.name(), account.kind().name(), accessKey, secret, Timestamp.from(account.createdAt()));
    return account;
  }

  /** What it takes to open an account; null fields are chosen by the sandbox. */
  public record NewAccount(String accountId, String name, AccountKind kind, String accessKeyId, String secretAccessKey) {
    public NewAccount {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("An account needs a name");
      }
      if (kind == null) {
        throw new IllegalArgumentException("An account needs a kind: SELLER, RESELLER or BUYER");
      }
    }
  }

  private String newAccountId() {
    while (true) {
      StringBuilder id = new StringBuilder();
      id.append(1 + random.nextInt(9));
      for (int i = 0; i < 11; i++) {
        id.append(random.nextInt(10));
      }
      if (find(id.toString()).isEmpty()) {
        return id.toString();
      }
    }
  }

  private String randomText(char[] alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet[random.nextInt(alphabet.length)]);
    }
    return text.toString();
  }

  private static Account map(ResultSet rs, int row) throws SQLException {
    return new Account(
        new AwsAccountId(rs.getString("account_id")),
        rs.getString("name"),
        AccountKind.valueOf(rs.getString("kind")),
        rs.getString("access_key_id"),
        rs.getString("secret_access_key"),
        rs.getTimestamp("created_at").toInstant());
  }
}
