package org.offerdesk.app.finance.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The exceptions queue. Reconciliation opens one per kind and subject when the ledger shows the cause and
 * closes it (CLEARED, or LINKED for an agreement that found its order) when the cause is gone; a person
 * resolves the rest. A resolved exception is not opened again for the same subject.
 */
@Repository
class ExceptionStore {

  /** An exception as the API and the page show it. */
  record FinanceException(UUID id, String kind, String subject, String agreementId, String detail, String status,
      Instant openedAt, Instant resolvedAt, String resolvedBy, String resolution, String note) {}

  /** Each kind: the subjects whose cause holds now, with a detail, as SQL over the ledger. */
  private static final List<String> OPENERS = List.of("""
      SELECT 'UNKNOWN_AGREEMENT' AS kind, u.agreement_id AS subject, u.agreement_id,
        u.n || ' billing rows name agreement ' || u.agreement_id || ', which has no order in OfferDesk' AS detail
      FROM unnest(CAST(:unknown AS text[]), CAST(:unknownRows AS bigint[])) AS u(agreement_id, n)
      WHERE NOT EXISTS (SELECT 1 FROM finance_agreement_order l WHERE l.organization_id = :org
          AND l.agreement_id = u.agreement_id)""", """
      SELECT 'PAYOUT_UNMATCHED', payout_id, NULL,
        'Payout of ' || amount || ' ' || currency || ' on ' || paid_on || ': its ' || line_count || ' lines add up to '
          || lines_total || ' (difference ' || (amount - lines_total) || ')'
          || CASE WHEN unlinked_lines > 0 THEN '; ' || unlinked_lines || ' lines have no order' ELSE '' END
      FROM finance_payout WHERE organization_id = :org AND status = 'UNMATCHED'""", """
      SELECT 'DISBURSEMENT_FAILED', payout_id, NULL,
        'Payout of ' || amount || ' ' || currency || ' on ' || paid_on || ' failed; its lines wait for the next payout'
      FROM finance_payout WHERE organization_id = :org AND status = 'FAILED'""", """
      SELECT 'INVOICE_OVERDUE', invoice_id, agreement_id,
        'Invoice ' || invoice_id || ' of ' || amount || ' ' || currency || ' was due on ' || due_on || ' and is not collected'
      FROM finance_invoice WHERE organization_id = :org AND status = 'OVERDUE'""", """
      SELECT 'FEE_MISMATCH', invoice_id, agreement_id,
        'Invoice ' || invoice_id || ' carries a listing fee of ' || listing_fee || ' ' || currency
          || '; the listing fee rules give ' || expected_listing_fee
      FROM finance_invoice WHERE organization_id = :org AND expected_listing_fee IS NOT NULL
        AND abs(expected_listing_fee - listing_fee) > 0.01""");

  private final JdbcClient jdbc;

  ExceptionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Opens what the ledger shows and is not yet in the queue; answers the exceptions opened. {@code unlinked}: the
   * agreements the billing rows name that had no order linked, with how many rows name each
   * ({@link LedgerStore#unlinkedAgreements}, in the same transaction): those still without one are unknown.
   */
  List<FinanceException> open(UUID organizationId, Instant now, Map<String, Long> unlinked) {
    MapSqlParameterSource p = params(organizationId, now, unlinked);
    List<FinanceException> opened = new java.util.ArrayList<>();
    for (String causes : OPENERS) {
      opened.addAll(jdbc.sql("INSERT INTO finance_exception (id, organization_id, kind, subject, agreement_id, detail, "
          + "status, opened_at) SELECT gen_random_uuid(), :org, c.* , 'OPEN', :now FROM (" + causes + ") c "
          + "ON CONFLICT (organization_id, kind, subject) DO NOTHING RETURNING *").paramSource(p)
          .query(ExceptionStore::map).list());
    }
    return opened;
  }

  /**
   * Closes open exceptions whose cause is gone. Those {@link #open} just opened ({@code justOpened}, in the same
   * transaction, over the same ledger) have their cause by construction and are not looked at again: on a first
   * sync that is every open exception, and the openers' queries do not run a second time. {@code unlinked}: as for
   * {@link #open}.
   */
  void clear(UUID organizationId, Instant now, List<FinanceException> justOpened, Map<String, Long> unlinked) {
    MapSqlParameterSource p = params(organizationId, now, unlinked)
        .addValue("opened", justOpened.stream().map(x -> x.id().toString())
            .collect(java.util.stream.Collectors.joining(",")));
    jdbc.sql("""
        UPDATE finance_exception x SET status = 'RESOLVED', resolved_at = :now, resolved_by = 'reconciliation',
          resolution = CASE WHEN x.kind = 'UNKNOWN_AGREEMENT' THEN 'LINKED' ELSE 'CLEARED' END
        WHERE x.organization_id = :org AND x.status = 'OPEN' AND x.kind <> 'DISBURSEMENT_PAUSED'
          AND NOT (x.id = ANY (CAST(string_to_array(:opened, ',') AS uuid[])))
          AND NOT EXISTS (SELECT 1 FROM (""" + String.join(" UNION ALL ", OPENERS) + """
          ) c WHERE c.kind = x.kind AND c.subject = x.subject)""").paramSource(p).update();
    // A pause is over once the marketplace paid out again after it was reported.
    jdbc.sql("""
        UPDATE finance_exception x SET status = 'RESOLVED', resolved_at = :now, resolved_by = 'reconciliation',
          resolution = 'CLEARED'
        WHERE x.organization_id = :org AND x.status = 'OPEN' AND x.kind = 'DISBURSEMENT_PAUSED'
          AND EXISTS (SELECT 1 FROM finance_payout p WHERE p.organization_id = :org AND p.status <> 'FAILED'
            AND p.paid_on >= CAST(x.opened_at AT TIME ZONE 'UTC' AS date))""").paramSource(p).update();
  }

  private static MapSqlParameterSource params(UUID organizationId, Instant now, Map<String, Long> unlinked) {
    return new MapSqlParameterSource().addValue("org", organizationId).addValue("now", Timestamp.from(now))
        .addValue("unknown", unlinked.keySet().toArray(String[]::new))
        .addValue("unknownRows", unlinked.values().toArray(Long[]::new));
  }

  /** Opens one exception by hand of the system (an event such as Disbursement Paused). */
  Optional<FinanceException> openOne(UUID organizationId, String kind, String subject, String detail, Instant at) {
    return jdbc.sql("""
        INSERT INTO finance_exception (id, organization_id, kind, subject, detail, status, opened_at)
        VALUES (gen_random_uuid(), ?, ?, ?, ?, 'OPEN', ?) ON CONFLICT (organization_id, kind, subject) DO NOTHING
        RETURNING *""").params(organizationId, kind, subject, detail, Timestamp.from(at))
        .query(ExceptionStore::map).optional();
  }

  Optional<FinanceException> find(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM finance_exception WHERE organization_id = ? AND id = ?")
        .params(organizationId, id).query(ExceptionStore::map).optional();
  }

  /** The queue, open first then newest first; {@code status} null for all. */
  List<FinanceException> list(UUID organizationId, String status, int limit) {
    return jdbc.sql("""
        SELECT * FROM finance_exception WHERE organization_id = ? AND (CAST(? AS text) IS NULL OR status = ?)
        ORDER BY status = 'OPEN' DESC, opened_at DESC, id LIMIT ?""")
        .params(organizationId, status, status, limit).query(ExceptionStore::map).list();
  }

  /** How many exceptions are open, counted up to {@code cap} (what the finance page's badge shows). */
  int countOpen(UUID organizationId, int cap) {
    return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM finance_exception WHERE organization_id = ? AND status = 'OPEN'"
        + " LIMIT ?) o").params(organizationId, cap).query(Integer.class).single();
  }

  boolean resolve(UUID organizationId, UUID id, String resolution, String note, String by, Instant at) {
    return jdbc.sql("""
        UPDATE finance_exception SET status = 'RESOLVED', resolution = ?, note = ?, resolved_by = ?, resolved_at = ?
        WHERE organization_id = ? AND id = ? AND status = 'OPEN'""")
        .params(resolution, note, by, Timestamp.from(at), organizationId, id).update() == 1;
  }

  private static FinanceException map(ResultSet rs, int row) throws SQLException {
    Timestamp resolved = rs.getTimestamp("resolved_at");
    return new FinanceException(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("subject"),
        rs.getString("agreement_id"), rs.getString("detail"), rs.getString("status"),
        rs.getTimestamp("opened_at").toInstant(), resolved == null ? null : resolved.toInstant(),
        rs.getString("resolved_by"), rs.getString("resolution"), rs.getString("note"));
  }
}
