package org.offerdesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The orders of {@link OfferData}'s offers, as OfferDesk would have made them when the buyers accepted: one
 * order for each offer that is ACCEPTED (waiting for registration), REGISTERED (waiting for provisioning) or
 * PROVISIONED, with the offer's buyer, product, currency and contract value, accepted four days after the
 * offer was created (its timeline's acceptance), running the offer's 12, 24 or 36 months (so about one order
 * in ten ends within the next 120 days, and those whose end has passed are ENDED); an amendment offer's order
 * is an AMENDMENT, and one direct order in ten was accepted from a renewal offer (it books as a RENEWAL). The
 * owner of an order is its offer's. Every order ending from 120 days ago to 366 days ahead has the renewal row
 * the renewal sweep would have made, in a plausible mix of renewal statuses (a churned one with a reason).
 *
 * <p>Set-based {@code INSERT … SELECT} from the loaded offers, every "random" choice a hash of the offer's ID, so
 * every run loads the same rows; the tables' secondary indexes are dropped for the load and rebuilt after it, as
 * {@link OfferData} does.
 */
public final class OrderData {

  /** What was loaded. */
  public record Loaded(long orders, long renewals, long endingWithin120Days, double seconds) {}

  /** A number from 0 to 99 drawn from the offer's ID ({@code salt} makes independent draws). */
  private static String draw(String salt) {
    return "(abs(hashtext(o.id::text || '" + salt + "')) % 100)";
  }

  private static final String ACCEPTED_AT = "(o.created_at + interval '4 days')";
  private static final String ENDS_AT = "(" + ACCEPTED_AT + " + make_interval(months => coalesce((o.terms ->> "
      + "'durationMonths')::int, 12)))";

  private static final String ORDERS = """
      INSERT INTO customer_order (id, organization_id, kind, status, agreement_id, marketplace_offer_id, offer_id,
        product_id, buyer_account_id, currency, total_contract_value, terms, accepted_at, starts_at, ends_at,
        provisioned_at, closed_at, renewal, version, created_at, updated_at)
      SELECT md5(o.id::text || 'order')::uuid, o.organization_id,
        CASE WHEN o.type = 'AMENDMENT' THEN 'AMENDMENT' ELSE 'DIRECT' END,
        CASE WHEN ENDS_AT <= ? THEN 'ENDED' WHEN o.stage = 'ACCEPTED' THEN 'PENDING_REGISTRATION' ELSE o.stage END,
        o.agreement_id, o.marketplace_offer_id, o.id, o.product_id, o.buyer_account_ids[1], o.currency,
        o.contract_total, jsonb_build_object('durationMonths', o.terms -> 'durationMonths'), ACCEPTED_AT,
        ACCEPTED_AT, ENDS_AT,
        CASE WHEN o.stage = 'PROVISIONED' THEN ACCEPTED_AT + interval '2 days' END,
        CASE WHEN ENDS_AT <= ? THEN ENDS_AT END,
        o.type <> 'AMENDMENT' AND RENEWAL_DRAW < 10, 0, ACCEPTED_AT, ACCEPTED_AT
      FROM offer o WHERE o.stage IN ('ACCEPTED', 'REGISTERED', 'PROVISIONED') AND o.agreement_id IS NOT NULL
      """.replace("ENDS_AT", ENDS_AT).replace("ACCEPTED_AT", ACCEPTED_AT).replace("RENEWAL_DRAW", draw("renewal"));

  /**
   * Renewal statuses: ahead of the end mostly UPCOMING, some with a renewal offer out, some renewed early, a few
   * churned; after the end mostly LAPSED (the sweep's doing), some RENEWED, a few CHURNED.
   */
  private static final String RENEWALS = """
      INSERT INTO renewal (id, organization_id, agreement_id, buyer_account_id, product_id, ends_at, currency,
        contract_value, owner, status, churn_reason, version, created_at, updated_at)
      SELECT c.id, c.organization_id, c.agreement_id, c.buyer_account_id, c.product_id, c.ends_at, c.currency,
        c.total_contract_value, o.owner, s.status,
        CASE WHEN s.status = 'CHURNED' THEN 'Moved the workload to another vendor' END, 0, c.ends_at - interval '366 days',
        c.ends_at - interval '366 days'
      FROM customer_order c JOIN offer o ON o.id = c.offer_id
      CROSS JOIN LATERAL (SELECT CASE
          WHEN c.ends_at > ? THEN CASE WHEN DRAW < 60 THEN 'UPCOMING' WHEN DRAW < 85 THEN 'OFFER_SENT'
            WHEN DRAW < 95 THEN 'RENEWED' ELSE 'CHURNED' END
          ELSE CASE WHEN DRAW < 60 THEN 'LAPSED' WHEN DRAW < 90 THEN 'RENEWED' ELSE 'CHURNED' END
        END AS status) s
      WHERE c.ends_at > ? AND c.ends_at <= ? AND c.status <> 'CANCELLED'
      """.replace("DRAW", draw("renewal-status").replace("o.id", "c.id"));

  /**
   * Adds the orders and renewals of the offers already loaded. {@code now} is the loader's clock (the
   * offers' dates were made from it).
   */
  public Loaded load(Connection connection, Instant now, Consumer<String> progress) throws SQLException {
    long start = System.nanoTime();
    List<String> indexes = OfferData.dropIndexes(connection, "customer_order", "renewal");
    Timestamp at = Timestamp.from(now);
    long orders;
    try (PreparedStatement s = connection.prepareStatement(ORDERS)) {
      s.setTimestamp(1, at);
      s.setTimestamp(2, at);
      orders = s.executeLargeUpdate();
    }
    progress.accept(String.format("data: %,d orders, %.0f s", orders, (System.nanoTime() - start) / 1e9));
    long renewals;
    try (PreparedStatement s = connection.prepareStatement(RENEWALS)) {
      s.setTimestamp(1, at);
      s.setTimestamp(2, Timestamp.from(now.minus(java.time.Duration.ofDays(120))));
      s.setTimestamp(3, Timestamp.from(now.plus(java.time.Duration.ofDays(366))));
      renewals = s.executeLargeUpdate();
    }
    progress.accept(String.format("data: %,d renewals; rebuilding %d indexes, %.0f s", renewals, indexes.size(),
        (System.nanoTime() - start) / 1e9));
    long ending;
    try (Statement s = connection.createStatement()) {
      s.execute("SET maintenance_work_mem = '256MB'");
      for (String index : indexes) {
        s.execute(index);
      }
      s.execute("ANALYZE customer_order");
      s.execute("ANALYZE renewal");
    }
    try (PreparedStatement s = connection.prepareStatement("SELECT count(*) FROM customer_order"
        + " WHERE status NOT IN ('CANCELLED', 'ENDED') AND ends_at >= ? AND ends_at < ?")) {
      s.setTimestamp(1, at);
      s.setTimestamp(2, Timestamp.from(now.plus(java.time.Duration.ofDays(120))));
      try (var rs = s.executeQuery()) {
        rs.next();
        ending = rs.getLong(1);
      }
    }
    return new Loaded(orders, renewals, ending, (System.nanoTime() - start) / 1e9);
  }
}
