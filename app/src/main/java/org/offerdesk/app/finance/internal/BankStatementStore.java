package org.offerdesk.app.finance.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.offerdesk.app.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bank statements, their deposits and matches, and each organization's column mapping; scoped by organization. */
@Repository
class BankStatementStore {

  /** An uploaded statement: rows read, of which withdrawals (or zero) and rows already uploaded before. */
  record Statement(UUID id, String fileName, int rowsRead, int withdrawals, int repeated, Instant uploadedAt,
      String uploadedBy) {}

  /** A deposit with the payout it was matched to (null if none) and, when ambiguous, the candidates. */
  record StoredDeposit(UUID id, int row, LocalDate bookedOn, Money amount, String reference,
      List<String> candidatePayoutIds, String payoutId, String method) {}

  private final JdbcClient jdbc;

  BankStatementStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<StatementColumns> columns(UUID organizationId) {
    return jdbc.sql("SELECT * FROM bank_statement_columns WHERE organization_id = ?").param(organizationId)
        .query((rs, row) -> new StatementColumns(rs.getInt("date_column"), rs.getInt("amount_column"),
            rs.getInt("reference_column"), (Integer) rs.getObject("currency_column"), rs.getBoolean("header_row"),
            StatementColumns.DateOrder.valueOf(rs.getString("date_order")), rs.getString("currency")))
        .optional();
  }

  void saveColumns(UUID organizationId, StatementColumns c, Instant at, String by) {
    jdbc.sql("""
        INSERT INTO bank_statement_columns (organization_id, date_column, amount_column, reference_column,
          currency_column, header_row, date_order, currency, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (organization_id) DO UPDATE SET date_column = EXCLUDED.date_column,
          amount_column = EXCLUDED.amount_column, reference_column = EXCLUDED.reference_column,
          currency_column = EXCLUDED.currency_column, header_row = EXCLUDED.header_row,
          date_order = EXCLUDED.date_order, currency = EXCLUDED.currency, updated_at = EXCLUDED.updated_at,
          updated_by = EXCLUDED.updated_by""")
        .params(organizationId, c.dateColumn(), c.amountColumn(), c.referenceColumn(), c.currencyColumn(),
            c.headerRow(), c.dateOrder().name(), c.currency(), ts(at), by)
        .update();
  }

  void insert(UUID organizationId, Statement s) {
    jdbc.sql("""
        INSERT INTO bank_statement (id, organization_id, file_name, rows_read, withdrawals, repeated, uploaded_at,
          uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(s.id(), organizationId, s.fileName(), s.rowsRead(), s.withdrawals(), s.repeated(),
            ts(s.uploadedAt()), s.uploadedBy())
        .update();
  }

  void insertDeposit(UUID organizationId, UUID statementId, DepositMatcher.Deposit d, int row) {
    jdbc.sql("""
        INSERT INTO bank_deposit (id, organization_id, statement_id, row_number, booked_on, amount, currency,
          reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(d.id(), organizationId, statementId, row, d.bookedOn(), d.amount().amount(),
            d.amount().currency().getCurrencyCode(), d.reference())
        .update();
  }

  /** How many deposits with exactly these facts earlier statements of the organization hold. */
  int sameDeposits(UUID organizationId, LocalDate bookedOn, Money amount, String reference) {
    return jdbc.sql("""
        SELECT count(*) FROM bank_deposit WHERE organization_id = ? AND booked_on = ? AND amount = ?
          AND currency = ? AND reference = ?""")
        .params(organizationId, bookedOn, amount.amount(), amount.currency().getCurrencyCode(), reference)
        .query(Integer.class).single();
  }

  /** The organization's deposits booked from {@code from} to {@code to} that no payout is matched to yet. */
  List<DepositMatcher.Deposit> unmatched(UUID organizationId, LocalDate from, LocalDate to) {
    return jdbc.sql("""
        SELECT d.id, d.booked_on, d.amount, d.currency, d.reference FROM bank_deposit d
        WHERE d.organization_id = ? AND d.booked_on BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM bank_deposit_match m
          WHERE m.organization_id = d.organization_id AND m.deposit_id = d.id)
        ORDER BY d.booked_on, d.id""")
        .params(organizationId, from, to)
        .query((rs, row) -> new DepositMatcher.Deposit(rs.getObject("id", UUID.class),
            rs.getObject("booked_on", LocalDate.class), Money.of(rs.getBigDecimal("amount"), rs.getString("currency")),
            rs.getString("reference")))
        .list();
  }

  /** The first and last day of the deposits no payout is matched to yet; empty when every one is. */
  Optional<List<LocalDate>> unmatchedSpan(UUID organizationId) {
    return jdbc.sql("""
        SELECT min(d.booked_on), max(d.booked_on) FROM bank_deposit d
        WHERE d.organization_id = ? AND NOT EXISTS (SELECT 1 FROM bank_deposit_match m
          WHERE m.organization_id = d.organization_id AND m.deposit_id = d.id)""")
        .param(organizationId)
        .query((rs, row) -> rs.getObject(1, LocalDate.class) == null ? null
            : List.of(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)))
        .list().stream().filter(java.util.Objects::nonNull).findFirst();
  }

  /** Of these payouts, those a deposit is matched to already. */
  Set<String> matchedPayouts(UUID organizationId, Collection<String> payoutIds) {
    if (payoutIds.isEmpty()) {
      return Set.of();
    }
    return jdbc.sql("SELECT payout_id FROM bank_deposit_match WHERE organization_id = ? AND payout_id = ANY (?)")
        .params(organizationId, payoutIds.toArray(String[]::new)).query(String.class).list().stream()
        .collect(Collectors.toSet());
  }

  /** Records a match unless the payout or the deposit is matched already; false when it was. */
  boolean match(UUID organizationId, DepositMatcher.Match m, Instant at) {
    return jdbc.sql("""
        INSERT INTO bank_deposit_match (organization_id, payout_id, deposit_id, method, matched_at)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
        .params(organizationId, m.payoutId(), m.depositId(), m.method().name(), ts(at)).update() == 1;
  }

  /** Forgets what these deposits could have been: they are matched again. */
  void clearCandidates(UUID organizationId, Collection<UUID> depositIds) {
    jdbc.sql("UPDATE bank_deposit SET candidate_payout_ids = '{}' WHERE organization_id = ? AND id = ANY (?)")
        .params(organizationId, depositIds.toArray(UUID[]::new)).update();
  }

  void candidates(UUID organizationId, UUID depositId, List<String> payoutIds) {
    jdbc.sql("UPDATE bank_deposit SET candidate_payout_ids = ? WHERE organization_id = ? AND id = ?")
        .params(payoutIds.toArray(String[]::new), organizationId, depositId).update();
  }

  Optional<Statement> statement(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM bank_statement WHERE organization_id = ? AND id = ?").params(organizationId, id)
        .query(BankStatementStore::statement).optional();
  }

  /** The organization's newest statements. */
  List<Statement> recent(UUID organizationId, int limit) {
    return jdbc.sql("SELECT * FROM bank_statement WHERE organization_id = ? ORDER BY uploaded_at DESC, id LIMIT ?")
        .params(organizationId, limit).query(BankStatementStore::statement).list();
  }

  List<StoredDeposit> deposits(UUID organizationId, UUID statementId) {
    return jdbc.sql("""
        SELECT d.*, m.payout_id, m.method FROM bank_deposit d
          LEFT JOIN bank_deposit_match m ON m.organization_id = d.organization_id AND m.deposit_id = d.id
        WHERE d.organization_id = ? AND d.statement_id = ? ORDER BY d.row_number""")
        .params(organizationId, statementId).query(BankStatementStore::deposit).list();
  }

  private static Statement statement(ResultSet rs, int row) throws SQLException {
    return new Statement(rs.getObject("id", UUID.class), rs.getString("file_name"), rs.getInt("rows_read"),
        rs.getInt("withdrawals"), rs.getInt("repeated"), rs.getTimestamp("uploaded_at").toInstant(),
        rs.getString("uploaded_by"));
  }

  private static StoredDeposit deposit(ResultSet rs, int row) throws SQLException {
    Array candidates = rs.getArray("candidate_payout_ids");
    return new StoredDeposit(rs.getObject("id", UUID.class), rs.getInt("row_number"),
        rs.getObject("booked_on", LocalDate.class), Money.of(rs.getBigDecimal("amount"), rs.getString("currency")),
        rs.getString("reference"), candidates == null ? List.of() : List.of((String[]) candidates.getArray()),
        rs.getString("payout_id"), rs.getString("method"));
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i.truncatedTo(ChronoUnit.MICROS));
  }
}
