package org.offerdesk.app.offers.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.offerdesk.app.identity.Caller;
import org.offerdesk.app.offers.OfferStage;
import org.offerdesk.app.offers.OfferType;
import org.offerdesk.app.web.ApiProblem;
import org.offerdesk.app.web.CursorPage;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/** Finding offers: the filters, search and sorts of the offers table, with stable cursor pagination. */
@Service
class OfferQueries {

  /** What the offers table can be filtered by; null means any. */
  record Filter(OfferStage stage, OfferType type, String productId, String buyerAccountId, String owner, String q,
      LocalDate createdFrom, LocalDate createdTo, LocalDate expiresFrom, LocalDate expiresTo) {
    static Filter none() {
      return new Filter(null, null, null, null, null, null, null, null, null, null);
    }
  }

  /** The sorts the table offers, each a keyset over (column, id). */
  enum Sort {
    NEWEST("created_at", true), OLDEST("created_at", false), EXPIRING("expires_on", false),
    NAME("lower(name)", false);

    final String column;
    final boolean descending;

    Sort(String column, boolean descending) {
      this.column = column;
      this.descending = descending;
    }

    static Sort parse(String value) {
      if (value == null || value.isBlank()) {
        return NEWEST;
      }
      return switch (value) {
        case "-createdAt", "newest" -> NEWEST;
        case "createdAt", "oldest" -> OLDEST;
        case "expiresOn", "expiring" -> EXPIRING;
        case "name" -> NAME;
        default -> throw ApiProblem.invalid("sort", "must be one of -createdAt, createdAt, expiresOn, name");
      };
    }
  }

  /** The zone in which the table's dates are days (see {@link #startOf}). */
  static final ZoneId DAYS = ZoneOffset.UTC;

  private final NamedParameterJdbcTemplate jdbc;
  private final OfferStore store;

  OfferQueries(NamedParameterJdbcTemplate jdbc, OfferStore store) {
    this.jdbc = jdbc;
    this.store = store;
  }

  CursorPage<Offer> list(Caller caller, Filter filter, Sort sort, String cursor, int limit) {
    MapSqlParameterSource p = new MapSqlParameterSource("org", caller.organizationId());
    StringBuilder sql = new StringBuilder("SELECT * FROM offer WHERE organization_id = :org");
    where(filter, sql, p);
    if (cursor != null && !cursor.isBlank()) {
      String[] parts = decode(cursor, sort);
      String cmp = sort.descending ? "<" : ">";
      String value = switch (sort) {
        case NEWEST, OLDEST -> "CAST(:afterValue AS timestamptz)";
        case EXPIRING -> "CAST(:afterValue AS date)";
        case NAME -> ":afterValue";
      };
      String column = sort == Sort.EXPIRING ? "coalesce(expires_on, DATE '9999-12-31')" : sort.column;
      sql.append(" AND (").append(column).append(", id) ").append(cmp).append(" (").append(value)
          .append(", CAST(:afterId AS uuid))");
      p.addValue("afterValue", parts[0]).addValue("afterId", parts[1]);
    }
    String column = sort == Sort.EXPIRING ? "coalesce(expires_on, DATE '9999-12-31')" : sort.column;
    String dir = sort.descending ? " DESC" : " ASC";
    sql.append(" ORDER BY ").append(column).append(dir).append(", id").append(dir).append(" LIMIT :limit");
    p.addValue("limit", limit + 1);
    List<Offer> rows = jdbc.query(sql.toString(), p, store::map);
    if (rows.size() <= limit) {
      return new CursorPage<>(rows, null);
    }
    List<Offer> page = rows.subList(0, limit);
    return new CursorPage<>(List.copyOf(page), encode(page.get(limit - 1), sort));
  }

  /** How many offers are in each stage, under the same filter (stage aside). */
  Map<OfferStage, Long> countsByStage(Caller caller, Filter filter) {
    MapSqlParameterSource p = new MapSqlParameterSource("org", caller.organizationId());
    StringBuilder sql = new StringBuilder("SELECT stage, count(*) AS n FROM offer WHERE organization_id = :org");
    where(new Filter(null, filter.type(), filter.productId(), filter.buyerAccountId(), filter.owner(), filter.q(),
        filter.createdFrom(), filter.createdTo(), filter.expiresFrom(), filter.expiresTo()), sql, p);
    sql.append(" GROUP BY stage");
    Map<OfferStage, Long> counts = new EnumMap<>(OfferStage.class);
    for (OfferStage s : OfferStage.values()) {
      counts.put(s, 0L);
    }
    jdbc.query(sql.toString(), p, rs -> {
      counts.put(OfferStage.valueOf(rs.getString("stage")), rs.getLong("n"));
    });
    return counts;
  }

  private static void where(Filter f, StringBuilder sql, MapSqlParameterSource p) {
    if (f.stage() != null) {
      sql.append(" AND stage = :stage");
      p.addValue("stage", f.stage().name());
    }
    if (f.type() != null) {
      sql.append(" AND type = :type");
      p.addValue("type", f.type().name());
    }
    if (f.productId() != null && !f.productId().isBlank()) {
      sql.append(" AND product_id = :product");
      p.addValue("product", f.productId().strip());
    }
    if (f.buyerAccountId() != null && !f.buyerAccountId().isBlank()) {
      sql.append(" AND buyer_account_ids @> ARRAY[CAST(:buyer AS text)]");
      p.addValue("buyer", f.buyerAccountId().strip());
    }
    if (f.owner() != null && !f.owner().isBlank()) {
      sql.append(" AND owner = :owner");
      p.addValue("owner", f.owner().strip());
    }
    if (f.q() != null && !f.q().isBlank()) {
      sql.append(" AND (lower(name) LIKE :q OR marketplace_offer_id = :exact OR CAST(id AS text) = :exact"
          + " OR buyer_account_ids @> ARRAY[CAST(:exact AS text)])");
      p.addValue("q", "%" + f.q().strip().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
      p.addValue("exact", f.q().strip());
    }
    if (f.createdFrom() != null) {
      sql.append(" AND created_at >= :createdFrom");
      p.addValue("createdFrom", startOf(f.createdFrom()));
    }
    if (f.createdTo() != null) {
      sql.append(" AND created_at < :createdTo");
      p.addValue("createdTo", startOf(f.createdTo().plusDays(1)));
    }
    if (f.expiresFrom() != null) {
      sql.append(" AND expires_on >= :expiresFrom");
      p.addValue("expiresFrom", f.expiresFrom());
    }
    if (f.expiresTo() != null) {
      sql.append(" AND expires_on <= :expiresTo");
      p.addValue("expiresTo", f.expiresTo());
    }
  }

  /**
   * Where a day of the offers table begins. Organizations have no time zone of their own yet, so a day
   * is a UTC day, as the pages label dates; never the server's default zone, which would move offers
   * between days depending on where OfferDesk runs.
   */
  static OffsetDateTime startOf(LocalDate day) {
    return day.atStartOfDay(DAYS).toOffsetDateTime();
  }

  private static String encode(Offer last, Sort sort) {
    String value = switch (sort) {
      case NEWEST, OLDEST -> last.createdAt().toString();
      case EXPIRING -> last.terms().expiresOn() == null ? "9999-12-31" : last.terms().expiresOn().toString();
      case NAME -> last.terms().name() == null ? "" : last.terms().name().toLowerCase();
    };
    String raw = sort.name() + "\n" + value + "\n" + last.id();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String cursor, Sort sort) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
      if (parts.length != 3 || !parts[0].equals(sort.name())) {
        throw new IllegalArgumentException();
      }
      UUID.fromString(parts[2]);
      if (sort == Sort.NEWEST || sort == Sort.OLDEST) {
        Instant.parse(parts[1]);
      }
      return new String[] {parts[1], parts[2]};
    } catch (RuntimeException e) {
      throw ApiProblem.invalid("cursor", "is not a cursor this list returned for this sort");
    }
  }

  static List<String> csvHeader() {
    return new ArrayList<>(List.of("id", "name", "type", "stage", "product_id", "buyer_account_ids", "currency",
        "contract_total", "expires_on", "marketplace_offer_id", "agreement_id", "owner", "created_at"));
  }
}
