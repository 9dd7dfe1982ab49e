package org.offerdesk.sandbox.metering;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.offerdesk.sandbox.signing.SigV4;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Registration tokens (table {@code registration_token}): the opaque {@code x-amzn-marketplace-token} a
 * buyer's browser carries to the seller's fulfillment URL, resolvable until it expires
 * ({@code offerdesk.sandbox.registration-token.lifetime}, default 4 h).
 */
@Repository
public class RegistrationTokens {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random = new SecureRandom();

  RegistrationTokens(JdbcTemplate jdbc, Clock clock,
      @Value("${offerdesk.sandbox.registration-token.lifetime:4h}") Duration lifetime) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** What a token resolves to. */
  public record Registration(String customerIdentifier, String customerAccountId, String productCode, String productId,
      String sellerAccountId, String agreementId, Instant expiresAt) {}

  /** Issues a token for an agreement's buyer and product. */
  public String issue(String agreementId, String productId, String productCode, String sellerAccountId, String customerAccountId) {
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    jdbc.update("INSERT INTO registration_token (token, agreement_id, product_id, product_code, seller_account_id, "
            + "customer_account_id, customer_identifier, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        token, agreementId, productId, productCode, sellerAccountId, customerAccountId,
        customerIdentifier(customerAccountId, productCode), Timestamp.from(now), Timestamp.from(now.plus(lifetime)));
    return token;
  }

  public Optional<Registration> find(String token) {
    return jdbc.query("SELECT customer_identifier, customer_account_id, product_code, product_id, seller_account_id, "
            + "agreement_id, expires_at FROM registration_token WHERE token = ?",
        (rs, row) -> new Registration(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getTimestamp(7).toInstant()), token).stream().findFirst();
  }

  /**
   * The customer identifier of a buyer for a product: stable, 13 upper-case characters, like AWS's
   * {@code X01EXAMPLEX} identifiers.
   */
  public static String customerIdentifier(String customerAccountId, String productCode) {
    byte[] hash = SigV4.sha256((customerAccountId + "/" + productCode).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(hash).substring(0, 13).toUpperCase(Locale.ROOT);
  }
}
