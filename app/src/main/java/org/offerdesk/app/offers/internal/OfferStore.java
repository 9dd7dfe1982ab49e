package org.offerdesk.app.offers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.app.money.Money;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.offerdesk.app.web.StoredJson;
import org.offerdesk.app.web.table.TableQuery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Offers and their timelines in PostgreSQL; every query is scoped to one organization. */
@Repository
class OfferStore {

  /** One line of an offer's timeline. */
  record TimelineEntry(Instant at, OfferStage stage, String cause, String detail, String actor) {}

  private final JdbcClient jdbc;
  private final ObjectMapper mapper;
  private final ParsedOfferJson json;
  private final OfferTimelines timelines;

  OfferStore(JdbcClient jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = StoredJson.mapper(mapper);
    this.json = new ParsedOfferJson(this.mapper.readerFor(OfferTerms.class),
        this.mapper.readerFor(new TypeReference<List<Offer.PublishError>>() {}));
    this.timelines = new OfferTimelines(jdbc, json);
  }

  void insert(Offer o) {
    jdbc.sql("""
        INSERT INTO offer (id, organization_id, type, stage, product_id, name, buyer_account_ids, currency,
          contract_total, expires_on, terms, marketplace_offer_id, change_set_id, revision, version, owner,
          cloned_from, reissue_of, source_agreement_id, agreement_id, publish_errors, view_token, created_at,
          updated_at, renewal, renews_agreement_id)
        VALUES (:id, :org, :type, :stage, :product, :name, :buyers, :currency, :total, :expires, CAST(:terms AS jsonb),
          :mpOffer, :changeSet, :revision, 0, :owner, :clonedFrom, :reissueOf, :sourceAgreement, :agreement,
          CAST(:errors AS jsonb), :viewToken, :createdAt, :updatedAt, :renewal, :renewsAgreement)""")
        .paramSource(params(o))
        .update();
  }

  /** Saves a changed offer if nobody saved it since it was read; returns false otherwise. */
  boolean update(Offer o) {
    return jdbc.sql("""
        UPDATE offer SET stage = :stage, product_id = :product, name = :name, buyer_account_ids = :buyers,
          currency = :currency, contract_total = :total, expires_on = :expires, terms = CAST(:terms AS jsonb),
          marketplace_offer_id = :mpOffer, change_set_id = :changeSet, revision = :revision, version = version + 1,
          source_agreement_id = :sourceAgreement, agreement_id = :agreement, publish_errors = CAST(:errors AS jsonb),
          updated_at = :updatedAt
        WHERE id = :id AND organization_id = :org AND version = :version""")
        .paramSource(params(o))
        .update() == 1;
  }

  Optional<Offer> find(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT * FROM offer WHERE organization_id = ? AND id = ?").params(organizationId, id)
        .query(this::map).optional();
  }

  /** An offer with its timeline. */
  record Read(Offer offer, List<TimelineEntry> timeline) {}

  /**
   * The offer and its timeline in one statement (what {@link #find} and {@link #timeline} read, one round trip
   * instead of two): the offer's columns come with each of its events, read from the first row only.
   */
  Optional<Read> findWithTimeline(UUID organizationId, UUID id) {
    return jdbc.sql("SELECT o.*, e.occurred_at AS ev_at, e.stage AS ev_stage, e.cause AS ev_cause,"
        + " e.detail AS ev_detail, e.actor AS ev_actor FROM offer o LEFT JOIN offer_event e"
        + " ON e.organization_id = o.organization_id AND e.offer_id = o.id"
        + " WHERE o.organization_id = ? AND o.id = ? ORDER BY e.occurred_at, e.seq")
        .params(organizationId, id).query(rs -> {
          if (!rs.next()) {
            return Optional.<Read>empty();
          }
          Offer offer = map(rs, 0);
          List<TimelineEntry> timeline = new ArrayList<>();
          do {
            Timestamp at = rs.getTimestamp("ev_at");
            if (at != null) {
              timeline.add(new TimelineEntry(at.toInstant(), OfferStage.valueOf(rs.getString("ev_stage")),
                  rs.getString("ev_cause"), rs.getString("ev_detail"), rs.getString("ev_actor")));
            }
          } while (rs.next());
          return Optional.of(new Read(offer, timeline));
        });
  }

  /** How many offers are in each stage, under the filter's other conditions. */
  Map<OfferStage, Long> countsByStage(UUID organizationId, OfferTable.Filter filter) {
    return table(organizationId, filter.anyStage()).countBy("stage", OfferStage.class);
  }

  /**
   * Search by name (inside it, served by the trigram index of V154, which holds the organization first) or
   * marketplace offer ID: each branch of the OR has an index holding the organization, so PostgreSQL combines
   * two small bitmaps. The buyer accounts are searched only when the search is a 12-digit AWS account ID (no
   * other text can equal one of them), and the offer's own ID only when the search is a UUID: the buyer
   * accounts' index does not hold the organization, and with that branch always there PostgreSQL estimated
   * thousands of rows for it and read every offer of the seller instead (1,003 buffers at a million offers,
   * against 106 without it; see bench/README.md, "P3 search at a million offers").
   */
  private static final String SEARCH = "lower(name) LIKE :like OR marketplace_offer_id = :exact";
  private static final String SEARCH_BUYER = " OR buyer_account_ids @> ARRAY[CAST(:exact AS text)]";
  private static final String SEARCH_ID = " OR id = CAST(:exact AS uuid)";

  private static boolean isUuid(String q) {
    if (q == null || q.strip().length() != 36) {
      return false;
    }
    try {
      UUID.fromString(q.strip());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isAccountId(String q) {
    return q != null && OfferRules.ACCOUNT.matcher(q.strip()).matches();
  }

  /**
   * The rows of the offers table its filter lets through. Where the read sees committed rows only (no transaction, or
   * a read-only one), the pages select each row's version instead of its stored JSON and take the parse kept for
   * that version ({@link ParsedOfferJson}), reading the JSON of the others in one more statement; inside a
   * transaction that writes, two versions of a row can share an {@code xmin}, so they read the JSON as before.
   */
  TableQuery<Offer> table(UUID organizationId, OfferTable.Filter f) {
    return table(organizationId, f, new HashMap<>());
  }

  /**
   * As {@link #table}, noting each offer's memo entry for the row version it was read with ({@link ParsedOfferJson})
   * where it sees committed rows alone.
   */
  TableQuery<Offer> table(UUID organizationId, OfferTable.Filter f, Map<UUID, ParsedOfferJson.Parsed> listed) {
    boolean committedOnly = !TransactionSynchronizationManager.isActualTransactionActive()
        || TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    TableQuery<Offer> query;
    if (committedOnly) {
      ListedOffers rows = new ListedOffers(jdbc, json, organizationId, listed);
      query = TableQuery.of(jdbc, "offer", organizationId, rows::map).columns(ListedOffers.LISTED)
          .finishing(rows::finish);
    } else {
      query = TableQuery.of(jdbc, "offer", organizationId, this::map).columns(MAPPED);
    }
    return query
        .equal("stage", f.stage())
        .equal("type", f.type())
        .equal("product_id", f.productId())
        .where("buyer_account_ids @> ARRAY[CAST(:value AS text)]", f.buyerAccountId())
        .equal("owner", f.owner())
        .search(SEARCH + (isAccountId(f.q()) ? SEARCH_BUYER : "") + (isUuid(f.q()) ? SEARCH_ID : ""), f.q())
        .where("created_at >= :value", f.createdFrom() == null ? null : startOf(f.createdFrom()))
        .where("created_at < :value", f.createdTo() == null ? null : startOf(f.createdTo().plusDays(1)))
        .where("expires_on >= :value", f.expiresFrom())
        .where("expires_on <= :value", f.expiresTo())
        .where("stage IN ('SENT', 'VIEWED') AND :value", f.open() ? Boolean.TRUE : null)
        .equal("reseller_account_id", f.resellerAccountId())
        .equal("marketplace_resale_authorization_id", f.resaleAuthorizationId());
  }

  Optional<Offer> findByMarketplaceId(UUID organizationId, String marketplaceOfferId) {
    return jdbc.sql("SELECT * FROM offer WHERE organization_id = ? AND marketplace_offer_id = ?")
        .params(organizationId, marketplaceOfferId).query(this::map).optional();
  }

  /** The offer whose accepted agreement this is. */
  Optional<Offer> findByAgreement(UUID organizationId, String agreementId) {
    return jdbc.sql("SELECT * FROM offer WHERE organization_id = ? AND agreement_id = ?")
        .params(organizationId, agreementId).query(this::map).optional();
  }

  /**
   * Holds, until the transaction ends, what concerns this agreement's offer being accepted or replaced: the
   * acceptance and the replacement, handled concurrently, see each other.
   */
  void lockAgreement(UUID organizationId, String agreementId) {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
        .param("offer-agreement:" + organizationId + ":" + agreementId).query().singleRow();
  }

  /** An agreement replaced before any offer was accepted with it, and by which agreement; once. */
  void rememberReplaced(UUID organizationId, String agreementId, String newAgreementId, String cause, Instant at) {
    jdbc.sql("""
        INSERT INTO offer_agreement_replaced (organization_id, agreement_id, replaced_by_agreement_id, cause,
          recorded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
        .params(organizationId, agreementId, newAgreementId, cause, Timestamp.from(at)).update();
  }

  /** An agreement's replacement remembered before its offer was accepted: by which agreement, and why known. */
  record Replacement(String byAgreementId, String cause) {}

  /** The replacement remembered for this agreement, if any. */
  Optional<Replacement> replacementOf(UUID organizationId, String agreementId) {
    return jdbc.sql("""
        SELECT replaced_by_agreement_id, cause FROM offer_agreement_replaced
        WHERE organization_id = ? AND agreement_id = ?""").params(organizationId, agreementId)
        .query((rs, n) -> new Replacement(rs.getString(1), rs.getString(2))).optional();
  }

  /** The agreement's renewal offer that is still a draft or live (not expired, withdrawn or accepted). */
  Optional<Offer> openRenewalOf(UUID organizationId, String agreementId) {
    return jdbc.sql("""
        SELECT * FROM offer WHERE organization_id = ? AND renews_agreement_id = ?
          AND stage IN ('DRAFT', 'PUBLISHING', 'PUBLISH_FAILED', 'SENT', 'VIEWED') ORDER BY created_at DESC LIMIT 1""")
        .params(organizationId, agreementId).query(this::map).optional();
  }

  /** Finds the offer a buyer link leads to by the token's hash, never by the token itself. */
  Optional<Offer> findByViewToken(String token) {
    return jdbc.sql("SELECT * FROM offer WHERE view_token_hash = ?").param(ViewLinks.hash(token)).query(this::map)
        .optional();
  }

  /** Open offers whose expiry date has passed, for the expiry sweep. */
  List<Offer> openExpiredBefore(LocalDate today) {
    return jdbc.sql("SELECT * FROM offer WHERE stage IN ('SENT', 'VIEWED') AND expires_on < ?")
        .param(today).query(this::map).list();
  }

  List<Offer> withStage(OfferStage stage) {
    return jdbc.sql("SELECT * FROM offer WHERE stage = ?").param(stage.name()).query(this::map).list();
  }

  void saveBaseline(UUID organizationId, UUID offerId, AmendmentBaseline baseline) {
    jdbc.sql("UPDATE offer SET amendment_baseline = CAST(? AS jsonb) WHERE organization_id = ? AND id = ?")
        .params(json(baseline), organizationId, offerId).update();
  }

  Optional<AmendmentBaseline> baseline(UUID organizationId, UUID offerId) {
    return jdbc.sql("SELECT amendment_baseline::text FROM offer WHERE organization_id = ? AND id = ?"
            + " AND amendment_baseline IS NOT NULL")
        .params(organizationId, offerId).query(String.class).optional().map(text -> {
          try {
            return mapper.readValue(text, AmendmentBaseline.class);
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Records a move on the timeline; with a key, a fact already recorded is not recorded again. */
  boolean record(Offer o, OfferStage stage, String cause, String detail, String actor, Instant at, String dedupeKey) {
    return jdbc.sql("""
        INSERT INTO offer_event (id, offer_id, organization_id, occurred_at, stage, cause, detail, actor, dedupe_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING""")
        .params(UUID.randomUUID(), o.id(), o.organizationId(), Timestamp.from(at.truncatedTo(ChronoUnit.MICROS)),
            stage.name(), cause, detail, actor, dedupeKey)
        .update() == 1;
  }

  boolean recorded(String dedupeKey) {
    return jdbc.sql("SELECT count(*) FROM offer_event WHERE dedupe_key = ?").param(dedupeKey).query(Long.class)
        .single() > 0;
  }

  List<TimelineEntry> timeline(UUID organizationId, UUID offerId) {
    return jdbc.sql("SELECT * FROM offer_event WHERE organization_id = ? AND offer_id = ? ORDER BY occurred_at, seq")
        .params(organizationId, offerId)
        .query(OfferStore::timelineEntry)
        .list();
  }

  /** The timelines of a list's offers, kept per row version. */
  OfferTimelines timelines() {
    return timelines;
  }

  /** The memo of parses, timelines and list views per offer and row version. */
  ParsedOfferJson parsed() {
    return json;
  }

  static TimelineEntry timelineEntry(ResultSet rs, int row) throws SQLException {
    return new TimelineEntry(rs.getTimestamp("occurred_at").toInstant(), OfferStage.valueOf(rs.getString("stage")),
        rs.getString("cause"), rs.getString("detail"), rs.getString("actor"));
  }

  private org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(Offer o) {
    return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
        .addValue("id", o.id())
        .addValue("org", o.organizationId())
        .addValue("type", o.type().name())
        .addValue("stage", o.stage().name())
        .addValue("product", o.terms().productId() == null ? "" : o.terms().productId())
        .addValue("name", o.terms().name() == null ? "" : o.terms().name())
        .addValue("buyers", new SqlTextArray(o.terms().buyerAccountIds()))
        .addValue("currency", o.terms().currency())
        .addValue("total", o.terms().contractTotal().map(Money::amount).orElse(null))
        .addValue("expires", o.terms().expiresOn())
        .addValue("terms", json(o.terms()))
        .addValue("mpOffer", o.marketplaceOfferId())
        .addValue("changeSet", o.changeSetId())
        .addValue("revision", o.revision())
        .addValue("version", o.version())
        .addValue("owner", o.owner())
        .addValue("clonedFrom", o.clonedFrom())
        .addValue("reissueOf", o.reissueOf())
        .addValue("sourceAgreement", o.sourceAgreementId())
        .addValue("agreement", o.agreementId())
        .addValue("errors", json(o.publishErrors()))
        .addValue("viewToken", o.viewToken())
        .addValue("renewal", o.renewal())
        .addValue("renewsAgreement", o.renewsAgreementId())
        .addValue("createdAt", Timestamp.from(o.createdAt().truncatedTo(ChronoUnit.MICROS)))
        .addValue("updatedAt", Timestamp.from(o.updatedAt().truncatedTo(ChronoUnit.MICROS)));
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The columns {@link #map} reads, which the offers table's pages select instead of {@code *}: not the terms'
   * copies kept for filters and sorts (name, product, buyers, currency, total, expiry), the view token's hash,
   * the partner columns ({@link PartnerOfferLinks}) nor an amendment's baseline. A page of 50 offers sends
   * that much less text. The list's tests (filters, sorts, cursors, export; partner and amendment offers)
   * read through it, and a column {@code map} reads that is missing here fails them.
   */
  static final String MAPPED = "id, organization_id, type, stage, terms, publish_errors, marketplace_offer_id,"
      + " change_set_id, revision, version, owner, cloned_from, reissue_of, source_agreement_id, agreement_id,"
      + " view_token, created_at, updated_at, renewal, renews_agreement_id";

  Offer map(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    try {
      ParsedOfferJson.Parsed p = json.parse(id, rs.getBytes("terms"), rs.getBytes("publish_errors"));
      return offer(rs, id, p.terms(), p.errors());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Unreadable offer " + id, e);
    }
  }

  static Offer offer(ResultSet rs, UUID id, OfferTerms terms, List<Offer.PublishError> errors)
      throws SQLException {
    return new Offer(id, rs.getObject("organization_id", UUID.class),
        OfferType.valueOf(rs.getString("type")), OfferStage.valueOf(rs.getString("stage")), terms,
        rs.getString("marketplace_offer_id"), rs.getString("change_set_id"), rs.getInt("revision"),
        rs.getInt("version"), rs.getString("owner"), rs.getObject("cloned_from", UUID.class),
        rs.getObject("reissue_of", UUID.class), rs.getString("source_agreement_id"), rs.getString("agreement_id"),
        errors, rs.getString("view_token"), rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(), rs.getBoolean("renewal"), rs.getString("renews_agreement_id"));
  }

  static List<String> strings(Array array) throws SQLException {
    List<String> out = new ArrayList<>();
    if (array != null) {
      for (Object o : (Object[]) array.getArray()) {
        out.add((String) o);
      }
    }
    return out;
  }

  /** The zone in which the offers table's dates are days (see {@link #startOf}). */
  static final ZoneId DAYS = ZoneOffset.UTC;

  /**
   * Where a day of the offers table begins. Organizations have no time zone of their own yet, so a day
   * is a UTC day, as the pages label dates; never the server's default zone, which would move offers
   * between days depending on where OfferDesk runs.
   */
  static OffsetDateTime startOf(LocalDate day) {
    return day.atStartOfDay(DAYS).toOffsetDateTime();
  }
}
