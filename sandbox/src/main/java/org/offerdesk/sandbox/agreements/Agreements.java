package org.offerdesk.sandbox.agreements;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The agreements of the sandbox (table {@code agreement}). */
@Repository
public class Agreements {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Agreement.Entitlement>> ENTITLEMENTS = new TypeReference<>() {};
  private static final String COLUMNS = "agreement_id, offer_id, product_id, proposer_account_id, acceptor_account_id, "
      + "status, acceptance_time, start_time, end_time, intent, previous_agreement_id, resale_authorization_id, "
      + "manufacturer_account_id, offer_set_id, private_offer, accepted_terms, entitlements, currency_code, agreement_value";

  private final JdbcTemplate jdbc;

  public Agreements(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Agreement> find(String agreementId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM agreement WHERE agreement_id = ?", Agreements::map, agreementId)
        .stream()
        .findFirst();
  }

  /** Whether a private offer has been accepted already (each is accepted once). */
  public boolean isAccepted(String offerId) {
    return Boolean.TRUE.equals(jdbc.queryForObject(
        "SELECT EXISTS (SELECT 1 FROM agreement WHERE offer_id = ? AND private_offer)", Boolean.class, offerId));
  }

  /** Agreements an account proposed or whose product it makes. */
  public List<Agreement> ofParty(String accountId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM agreement WHERE proposer_account_id = ? OR manufacturer_account_id = ? "
        + "ORDER BY acceptance_time, agreement_id", Agreements::map, accountId, accountId);
  }

  /**
   * A page of the agreements an account proposed that meet every condition, by end time (ascending: the open-ended
   * last; descending: first), then by ID as Java orders strings; {@code limit} rows from {@code offset}.
   */
  public List<Agreement> proposedBy(String accountId, List<Condition> conditions, boolean ascending, int offset,
      int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM agreement WHERE proposer_account_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(accountId);
    for (Condition c : conditions) {
      sql.append(" AND ").append(c.sql());
      args.addAll(c.args());
    }
    sql.append(ascending ? " ORDER BY end_time ASC NULLS LAST, agreement_id COLLATE \"C\" ASC"
        : " ORDER BY end_time DESC NULLS FIRST, agreement_id COLLATE \"C\" DESC");
    sql.append(" LIMIT ? OFFSET ?");
    args.add(limit);
    args.add(offset);
    return jdbc.query(sql.toString(), Agreements::map, args.toArray());
  }

  /** A condition on an agreement's columns, with its {@code ?} arguments. */
  public record Condition(String sql, List<Object> args) {

    public static final Condition ALL = new Condition("TRUE", List.of());
    public static final Condition NONE = new Condition("FALSE", List.of());

    public static Condition of(String sql, Object... args) {
      return new Condition(sql, List.of(args));
    }
  }

  public List<Agreement> ofProduct(String productId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM agreement WHERE product_id = ? ORDER BY acceptance_time, agreement_id",
        Agreements::map, productId);
  }

  public List<Agreement> ofAcceptor(String accountId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM agreement WHERE acceptor_account_id = ? ORDER BY acceptance_time DESC",
        Agreements::map, accountId);
  }

  public List<Agreement> recent(int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM agreement ORDER BY acceptance_time DESC LIMIT ?", Agreements::map, limit);
  }

  /** Active agreements whose end time has come, locked for ending them. */
  public List<Agreement> dueToEnd(Instant now, int limit) {
    return jdbc.query("SELECT " + COLUMNS + " FROM agreement WHERE status = 'ACTIVE' AND end_time <= ? "
        + "ORDER BY end_time LIMIT ? FOR UPDATE SKIP LOCKED", Agreements::map, Timestamp.from(now), limit);
  }

  /** Locks an agreement for a change of status. */
  public Optional<Agreement> findForUpdate(String agreementId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM agreement WHERE agreement_id = ? FOR UPDATE", Agreements::map, agreementId)
        .stream()
        .findFirst();
  }

  public void insert(Agreement a) {
    jdbc.update("INSERT INTO agreement (" + COLUMNS + ", status_changed_at) VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)",
        a.agreementId(), a.offerId(), a.productId(), a.proposerAccountId(), a.acceptorAccountId(), a.status().name(),
        Timestamp.from(a.acceptanceTime()), Timestamp.from(a.startTime()), timestamp(a.endTime()), a.intent(),
        a.previousAgreementId(), a.resaleAuthorizationId(), a.manufacturerAccountId(), a.offerSetId(), a.privateOffer(),
        write(a.acceptedTerms()), write(a.entitlements()), a.currencyCode(), a.agreementValue(),
        Timestamp.from(a.acceptanceTime()));
  }

  /** Records a move the agreement's lifecycle allows (see {@link Agreement#withStatus}). */
  public void updateStatus(Agreement after, Instant now) {
    jdbc.update("UPDATE agreement SET status = ?, status_changed_at = ? WHERE agreement_id = ?",
        after.status().name(), Timestamp.from(now), after.agreementId());
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Agreement map(ResultSet rs, int row) throws SQLException {
    try {
      return new Agreement(
          rs.getString("agreement_id"), rs.getString("offer_id"), rs.getString("product_id"),
          rs.getString("proposer_account_id"), rs.getString("acceptor_account_id"),
          AgreementStatus.valueOf(rs.getString("status")),
          rs.getTimestamp("acceptance_time").toInstant(), rs.getTimestamp("start_time").toInstant(),
          Optional.ofNullable(rs.getTimestamp("end_time")).map(Timestamp::toInstant).orElse(null),
          rs.getString("intent"), rs.getString("previous_agreement_id"), rs.getString("resale_authorization_id"),
          rs.getString("manufacturer_account_id"), rs.getString("offer_set_id"), rs.getBoolean("private_offer"),
          JSON.readTree(rs.getString("accepted_terms")), JSON.readValue(rs.getString("entitlements"), ENTITLEMENTS),
          rs.getString("currency_code"), rs.getBigDecimal("agreement_value"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable agreement", e);
    }
  }
}
