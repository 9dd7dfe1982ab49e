package org.offerdesk.app.dashboard;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Offers and orders of one organization written straight into the real schema, for figures that need a
 * year of history in exact places (a period's first and last instant) without a year of clock moves.
 */
final class DealDesk {

  private final JdbcClient jdbc;
  private final UUID organizationId;

  DealDesk(JdbcClient jdbc, UUID organizationId) {
    this.jdbc = jdbc;
    this.organizationId = organizationId;
  }

  /** An offer in a stage, created at {@code created}; {@code sentAs} is its marketplace ID once sent. */
  UUID offer(String stage, String owner, String currency, String total, Instant created, LocalDate expiresOn,
      String sentAs) {
    UUID id = UUID.randomUUID();
    jdbc.sql("""
        INSERT INTO offer (id, organization_id, type, stage, product_id, name, buyer_account_ids, currency,
          contract_total, expires_on, terms, marketplace_offer_id, owner, view_token, created_at, updated_at)
        VALUES (?, ?, 'DIRECT', ?, 'prod-dashboard', ?, ARRAY['111122223333'], ?, ?, ?, '{}'::jsonb, ?, ?, ?, ?, ?)""")
        .params(id, organizationId, stage, stage + " offer of " + owner, currency,
            total == null ? null : new BigDecimal(total), expiresOn, sentAs, owner, "view-" + id,
            Timestamp.from(created), Timestamp.from(created))
        .update();
    return id;
  }

  UUID offer(String stage, String owner, String currency, String total, Instant created) {
    boolean sent = !stage.equals("DRAFT") && !stage.equals("CANCELLED") && !stage.startsWith("PUBLISH");
    return offer(stage, owner, currency, total, created, null, sent ? "offer-" + UUID.randomUUID() : null);
  }

  /** An order of an agreement accepted at {@code accepted}, ending at {@code ends} (either may be null). */
  UUID order(String kind, String status, UUID offerId, String currency, String total, Instant accepted,
      Instant ends) {
    UUID id = UUID.randomUUID();
    jdbc.sql("""
        INSERT INTO customer_order (id, organization_id, kind, status, agreement_id, offer_id, product_id,
          buyer_account_id, currency, total_contract_value, terms, accepted_at, ends_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, 'prod-dashboard', '111122223333', ?, ?, '{}'::jsonb, ?, ?, ?, ?)""")
        .params(id, organizationId, kind, status, "agmt-" + id, offerId, currency,
            total == null ? null : new BigDecimal(total), accepted == null ? null : Timestamp.from(accepted),
            ends == null ? null : Timestamp.from(ends), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()))
        .update();
    return id;
  }
}
