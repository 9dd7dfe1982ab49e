package org.offerdesk.sandbox.accounts;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Credentials STS AssumeRole issued, kept in table {@code temporary_credential}: an access key ID
 * ({@code ASIA…}), a secret and a session token that sign calls as the role's account until they expire.
 * Expiry is wall-clock time: moving the sandbox's clock does not age them.
 */
@Repository
public class TemporaryCredentials {

  /** Issued credentials and whom they act as. */
  public record Issued(String accessKeyId, String secretAccessKey, String sessionToken, Account account,
      String roleName, String sessionName, Instant expiresAt) {

    /** What GetCallerIdentity answers for them. */
    public String assumedRoleArn() {
      return "arn:aws:sts::" + account.id().value() + ":assumed-role/" + roleName + "/" + sessionName;
    }
  }

  private static final char[] KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private final JdbcTemplate jdbc;
  private final Accounts accounts;
  private final SecureRandom random = new SecureRandom();

  public TemporaryCredentials(JdbcTemplate jdbc, Accounts accounts) {
    this.jdbc = jdbc;
    this.accounts = accounts;
  }

  /** New credentials acting as the account through the named role for the given time. */
  public Issued issue(Account account, String roleName, String sessionName, Duration lifetime) {
    StringBuilder key = new StringBuilder("ASIA");
    for (int i = 0; i < 16; i++) {
      key.append(KEY_CHARS[random.nextInt(KEY_CHARS.length)]);
    }
    Issued issued = new Issued(key.toString(), randomText(30), randomText(96), account, roleName, sessionName,
        Instant.now().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    jdbc.update("DELETE FROM temporary_credential WHERE expires_at < now()");
    jdbc.update("""
        INSERT INTO temporary_credential (access_key_id, secret_access_key, session_token, account_id, role_name,
          session_name, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken(), account.id().value(), roleName,
        sessionName, Timestamp.from(issued.expiresAt()));
    return issued;
  }

  /** Unexpired credentials with this access key ID. */
  public Optional<Issued> find(String accessKeyId) {
    return jdbc.query("""
        SELECT access_key_id, secret_access_key, session_token, account_id, role_name, session_name, expires_at
        FROM temporary_credential WHERE access_key_id = ? AND expires_at > ?""",
        (rs, row) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()},
        accessKeyId, Timestamp.from(Instant.now())).stream().findFirst()
        .flatMap(r -> accounts.find(((String) r[3]).trim()).map(a -> new Issued((String) r[0], (String) r[1],
            (String) r[2], a, (String) r[4], (String) r[5], (Instant) r[6])));
  }

  private String randomText(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }
}
