package org.offerdesk.sandbox.datafeeds;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.offerdesk.sandbox.billing.FeedAccounts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code agreementfeed_v1}, {@code accountfeed_v1} and {@code addressfeed_v1} for each party:
 * the agreements it proposed or, on a channel deal, manufactured; and every account its agreements and
 * billing events name, with an address built from the account's name (the sandbox keeps no postal
 * addresses). A day's agreements, billing-event accounts and named accounts are read for all parties at once.
 */
@Repository
class PartyFeedRows {

  private final JdbcTemplate jdbc;
  private final FeedAccounts keys;
  private final BillingEventRows billing;

  PartyFeedRows(JdbcTemplate jdbc, FeedAccounts keys, BillingEventRows billing) {
    this.jdbc = jdbc;
    this.keys = keys;
    this.billing = billing;
  }

  record AgreementRecord(String id, String offerId, String offerSetId, String proposer, String acceptor,
      Timestamp start, Timestamp end, Timestamp accepted, String intent, String previous, String status,
      String currency, Object value, Instant changedAt) {}

  /**
   * What the parties' feeds are made of up to {@code until}, by party: its agreements (proposed or manufactured,
   * changed before), the manufacturers of the agreements it proposed (accepted before), its billing events' keys.
   */
  record Parties(Instant until, Map<String, List<AgreementRecord>> agreements, Map<String, Set<String>> manufacturers,
      Map<String, List<UUID>> billingKeys) {

    /** The 12-digit accounts the party's agreement and account rows name, for their keys to be looked up at once. */
    Set<String> accountIds(String owner) {
      Set<String> ids = new HashSet<>(manufacturers.getOrDefault(owner, Set.of()));
      ids.add(owner);
      for (AgreementRecord a : agreements.getOrDefault(owner, List.of())) {
        ids.add(a.proposer());
        ids.add(a.acceptor());
      }
      ids.remove(null);
      return ids;
    }
  }

  Parties read(List<String> owners, Instant until) {
    Set<String> parties = new HashSet<>(owners);
    Map<String, List<AgreementRecord>> agreements = new HashMap<>();
    Map<String, Set<String>> manufacturers = new HashMap<>();
    Timestamp before = Timestamp.from(until);
    jdbc.query("""
        SELECT agreement_id, offer_id, offer_set_id, proposer_account_id, acceptor_account_id, start_time, end_time,
          acceptance_time, intent, previous_agreement_id, status, currency_code, agreement_value,
          coalesce(status_changed_at, acceptance_time) AS changed_at, manufacturer_account_id,
          coalesce(status_changed_at, acceptance_time) < ? AS changed_before, acceptance_time < ? AS accepted_before
        FROM agreement WHERE coalesce(status_changed_at, acceptance_time) < ? OR acceptance_time < ?
        ORDER BY acceptance_time, agreement_id""", rs -> {
          AgreementRecord a = new AgreementRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getTimestamp(6), rs.getTimestamp(7), rs.getTimestamp(8), rs.getString(9),
              rs.getString(10), rs.getString(11), rs.getString(12), rs.getBigDecimal(13),
              rs.getTimestamp(14).toInstant());
          String proposer = trim(a.proposer());
          String manufacturer = trim(rs.getString(15));
          if (rs.getBoolean(16)) {
            for (String party : new LinkedHashSet<>(Arrays.asList(proposer, manufacturer))) {
              if (party != null && parties.contains(party)) {
                agreements.computeIfAbsent(party, p -> new ArrayList<>()).add(a);
              }
            }
          }
          if (rs.getBoolean(17) && manufacturer != null && parties.contains(proposer)) {
            manufacturers.computeIfAbsent(proposer, p -> new LinkedHashSet<>()).add(manufacturer);
          }
        }, before, before, before, before);
    return new Parties(until, agreements, manufacturers, billing.accountKeys(owners, until));
  }

  private static String trim(String id) {
    return id == null ? null : id.trim();
  }

  List<FeedRow> agreementRows(Parties parties, String owner) {
    List<FeedRow> rows = new ArrayList<>();
    for (AgreementRecord a : parties.agreements().getOrDefault(owner, List.of())) {
      rows.add(FeedRow.of(Feed.AGREEMENT, a.id(), a.changedAt(), a.id(), a.offerId(), a.offerSetId(),
          keys.keyOf(a.proposer()), keys.keyOf(a.acceptor()), a.start(), a.end(), a.accepted(), a.intent(),
          a.previous(), a.status(), null, a.currency(), a.value(), null));
    }
    return rows;
  }

  /** The accounts the party's feeds name, in the order its rows list them: itself, its agreements' parties, the
   * manufacturers of its channel deals, its billing events' accounts. */
  Set<UUID> namedAccounts(Parties parties, String owner) {
    Set<UUID> named = new LinkedHashSet<>();
    named.add(keys.keyOf(owner));
    for (AgreementRecord a : parties.agreements().getOrDefault(owner, List.of())) {
      named.add(keys.keyOf(a.proposer()));
      named.add(keys.keyOf(a.acceptor()));
    }
    Set<String> manufacturers = parties.manufacturers().getOrDefault(owner, Set.of());
    List<UUID> added = manufacturers.stream().map(keys::keyOf).filter(k -> !named.contains(k)).distinct().toList();
    if (added.size() > 1) {
      // The order in which the accounts are listed is the one PostgreSQL gives them in (as it always was).
      jdbc.queryForList("""
          SELECT DISTINCT manufacturer_account_id FROM agreement WHERE proposer_account_id = ?
            AND manufacturer_account_id IS NOT NULL AND acceptance_time < ?""", String.class, owner,
          Timestamp.from(parties.until())).forEach(m -> named.add(keys.keyOf(m)));
    }
    named.addAll(added);
    named.addAll(parties.billingKeys().getOrDefault(owner, List.of()));
    return named;
  }

  record AccountRecord(UUID key, String awsAccountId, String encrypted, UUID mailing, UUID tax, String name,
      Instant createdAt) {
    UUID address() {
      return FeedRow.stableId("address", awsAccountId);
    }
  }

  /** The named accounts of every party, in one statement. */
  Map<UUID, AccountRecord> accounts(Collection<UUID> keys) {
    Map<UUID, AccountRecord> accounts = new HashMap<>();
    if (keys.isEmpty()) {
      return accounts;
    }
    jdbc.query("""
        SELECT f.account_id, f.aws_account_id, f.encrypted_account_id, f.mailing_address_id, f.tax_address_id,
          a.name, f.created_at
        FROM feed_account f LEFT JOIN account a ON a.account_id = f.aws_account_id
        WHERE f.account_id = ANY (CAST(? AS uuid[]))""",
        rs -> {
          AccountRecord a = new AccountRecord(rs.getObject(1, UUID.class), rs.getString(2).trim(), rs.getString(3),
              rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getString(6),
              rs.getTimestamp(7).toInstant());
          accounts.put(a.key(), a);
        }, (Object) keys.stream().filter(Objects::nonNull).map(UUID::toString).toArray(String[]::new));
    return accounts;
  }

  /** The rows of the account and address feeds, both from one reading of the accounts the party's feeds name. */
  record AccountAndAddressRows(List<FeedRow> accounts, List<FeedRow> addresses) {}

  AccountAndAddressRows accountAndAddressRows(Set<UUID> named, Map<UUID, AccountRecord> all) {
    List<AccountRecord> accounts = named.stream().map(all::get).filter(Objects::nonNull).toList();
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
