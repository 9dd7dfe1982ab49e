package org.offerdesk.sandbox.agreements;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The agreements of the sandbox (table {@code agreement}). Part 1 only reads them: buyers' acceptance,
 * which creates them, comes with the Agreement API in part 2.
 */
@Repository
public class Agreements {

  private final JdbcTemplate jdbc;

  public Agreements(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Agreement> find(String agreementId) {
    return jdbc.query(
            "SELECT agreement_id, offer_id, product_id, proposer_account_id, acceptor_account_id, status, "
                + "acceptance_time, start_time, end_time FROM agreement WHERE agreement_id = ?",
            (rs, row) -> new Agreement(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(),
                Optional.ofNullable(rs.getTimestamp(9)).map(Timestamp::toInstant).orElse(null)),
            agreementId)
        .stream()
        .findFirst();
  }
}
