package org.offerdesk.sandbox.datafeeds;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code agreementfeed_v1}, {@code accountfeed_v1} and {@code addressfeed_v1} for one party:
 * the agreements it proposed or, on a channel deal, manufactured; and every account its agreements and
 * billing events name, with an address built from the account's name (the sandbox keeps no postal
 * addresses).
 */
@Repository
class PartyFeedRows {

  private final JdbcTemplate jdbc;
  private final FeedAccountKeys keys;
  private final BillingEventRows billing;

  PartyFeedRows(JdbcTemplate jdbc, FeedAccountKeys keys, BillingEventRows billing) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.billing = billing;
  }

  private record AgreementRecord(String id, String offerId, String offerSetId, String proposer, String acceptor,
      Timestamp start, Timestamp end, Timestamp accepted, String intent, String previous, String status,
      String currency, Object value, Instant changedAt) {}

  private List<AgreementRecord> agreements(String owner, Instant until) {
    return jdbc.query("""
        SELECT agreement_id, offer_id, offer_set_id, proposer_account_id, acceptor_account_id, start_time, end_time,
          acceptance_time, intent, previous_agreement_id, status, currency_code, agreement_value,
          coalesce(status_changed_at, acceptance_time) AS changed_at
        FROM agreement WHERE (proposer_account_id = ? OR manufacturer_account_id = ?)
          AND coalesce(status_changed_at, acceptance_time) < ? ORDER BY acceptance_time, agreement_id""",
        (rs, row) -> new AgreementRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getTimestamp(6), rs.getTimestamp(7), rs.getTimestamp(8), rs.getString(9),
            rs.getString(10), rs.getString(11), rs.getString(12), rs.getBigDecimal(13),
            rs.getTimestamp(14).toInstant()),
        owner, owner, Timestamp.from(until));
  }

  List<FeedRow> agreementRows(String owner, Instant until) {
    List<FeedRow> rows = new ArrayList<>();
    for (AgreementRecord a : agreements(owner, until)) {
      rows.add(FeedRow.of(Feed.AGREEMENT, a.id(), a.changedAt(), a.id(), a.offerId(), a.offerSetId(),
          keys.keyOf(a.proposer()), keys.keyOf(a.acceptor()), a.start(), a.end(), a.accepted(), a.intent(),
          a.previous(), a.status(), null, a.currency(), a.value(), null));
    }
    return rows;
  }

  /** The accounts the party's feeds name: itself, its agreements' parties and its billing events' accounts. */
  private Set<UUID> namedAccounts(String owner, Instant until) {
    Set<UUID> named = new LinkedHashSet<>();
    named.add(keys.keyOf(owner));
    for (AgreementRecord a : agreements(owner, until)) {
      named.add(keys.keyOf(a.proposer()));
      named.add(keys.keyOf(a.acceptor()));
    }
    jdbc.queryForList("""
        SELECT DISTINCT manufacturer_account_id FROM agreement WHERE proposer_account_id = ?
          AND manufacturer_account_id IS NOT NULL AND acceptance_time < ?""", String.class, owner, Timestamp.from(until))
        .forEach(m -> named.add(keys.keyOf(m)));
    named.addAll(billing.accountKeys(owner, until));
    return named;
  }

  private record AccountRecord(UUID key, String awsAccountId, String encrypted, UUID mailing, UUID tax, String name,
      Instant createdAt) {
    UUID address() {
      return FeedRow.stableId("address", awsAccountId);
    }
  }

  private List<AccountRecord> accounts(String owner, Instant until) {
    List<AccountRecord> accounts = new ArrayList<>();
    for (UUID key : namedAccounts(owner, until)) {
      accounts.addAll(jdbc.query("""
          SELECT f.account_id, f.aws_account_id, f.encrypted_account_id, f.mailing_address_id, f.tax_address_id,
            a.name, f.created_at
          FROM feed_account f LEFT JOIN account a ON a.account_id = f.aws_account_id WHERE f.account_id = ?""",
          (rs, row) -> new AccountRecord(rs.getObject(1, UUID.class), rs.getString(2).trim(), rs.getString(3),
              rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6),
              rs.getTimestamp(7).toInstant()), key));
    }
    return accounts;
  }

  /** The rows of the account and address feeds, both from one reading of the accounts the party's feeds name. */
  record AccountAndAddressRows(List<FeedRow> accounts, List<FeedRow> addresses) {}

  AccountAndAddressRows accountAndAddressRows(String owner, Instant until) {
    List<AccountRecord> accounts = accounts(owner, until);
    return new AccountAndAddressRows(accountRows(accounts), addressRows(accounts));
  }

  private static List<FeedRow> accountRows(List<AccountRecord> accounts) {
    List<FeedRow> rows = new ArrayList<>();
    for (AccountRecord a : accounts) {
      UUID mailing = a.mailing() != null ? a.mailing() : a.address();
      UUID tax = a.tax() != null ? a.tax() : a.address();
      rows.add(FeedRow.of(Feed.ACCOUNT, a.key().toString(), a.createdAt(), a.key(), a.awsAccountId(), a.encrypted(),
          mailing, tax, null, a.name()));
    }
    return rows;
  }

  private static List<FeedRow> addressRows(List<AccountRecord> accounts) {
    List<FeedRow> rows = new ArrayList<>();
    for (AccountRecord a : accounts) {
      Set<UUID> ids = new LinkedHashSet<>();
      ids.add(a.mailing() != null ? a.mailing() : a.address());
      ids.add(a.tax() != null ? a.tax() : a.address());
      for (UUID id : ids) {
        List<String> own = new ArrayList<>(List.of(id.toString(), FeedRow.cell(a.name()), "", "", "", "", "", ""));
        FeedRow row = FeedRow.of(Feed.ADDRESS, id.toString(), a.createdAt(), own.toArray());
        rows.add(row);
      }
    }
    return rows;
  }
}
