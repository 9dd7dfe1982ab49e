package org.offerdesk.bench;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Offers bulk-loaded with {@code COPY} into OfferDesk's own tables (the schema its Flyway migrations made):
 * sellers, each with its metadata fields, and offers in a plausible mix of stages with the timeline each
 * stage implies, 1 to 5 priced dimensions, a payment schedule, metadata and 10% amendments. Seeded, so
 * every run loads the same rows.
 */
public final class OfferData {

  /** Stages with how many offers in 1,000 are in each, and the timeline that leads there. */
  private static final String[][] STAGES = {
      {"DRAFT", "100", "DRAFT"},
      {"PUBLISHING", "10", "DRAFT PUBLISHING"},
      {"PUBLISH_FAILED", "10", "DRAFT PUBLISHING PUBLISH_FAILED"},
      {"SENT", "200", "DRAFT PUBLISHING SENT"},
      {"VIEWED", "100", "DRAFT PUBLISHING SENT VIEWED"},
      {"ACCEPTED", "150", "DRAFT PUBLISHING SENT VIEWED ACCEPTED"},
      {"REGISTERED", "50", "DRAFT PUBLISHING SENT VIEWED ACCEPTED REGISTERED"},
      {"PROVISIONED", "150", "DRAFT PUBLISHING SENT VIEWED ACCEPTED REGISTERED PROVISIONED"},
      {"EXPIRED", "150", "DRAFT PUBLISHING SENT EXPIRED"},
      {"CANCELLED", "50", "DRAFT CANCELLED"},
      {"REPLACED", "30", "DRAFT PUBLISHING SENT ACCEPTED REPLACED"}};

  /** Buyers' company names: a search for one of them finds about one offer in {@code COMPANIES.length}. */
  public static final String[] COMPANIES = {"Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware",
      "Adventure Works", "Proseware", "Lucerne", "Margie", "Humongous", "Coho", "Alpine", "Blue Yonder", "Fourth Coffee",
      "Graphic Design", "Woodgrove", "Trey Research", "Wide World", "Relecloud"};

  private static final String[] PRODUCTS = {"Analytics Platform", "Data Pipeline", "Security Suite", "Observability"};
  private static final String[] DIMENSIONS = {"users", "hosts", "gb_ingested", "seats", "environments"};
  private static final int BATCH = 5_000;

  private final SplittableRandom random = new SplittableRandom(42);
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  /** The instant the offers' dates are counted back from (about when the load began). */
  public Instant now() {
    return now;
  }

  /** What was loaded, for the scenarios' requests. */
  public record Loaded(List<UUID> organizations, int offers, int events, double seconds) {}

  /**
   * Loads {@code sellers} organizations (the first is {@code firstSeller}, already there, e.g. the demo
   * seller) with {@code offers} offers spread evenly across them.
   */
  public Loaded load(Connection connection, UUID firstSeller, int sellers, int offers, Consumer<String> progress)
      throws SQLException {
    return load(connection, firstSeller, sellers, offers, 0, progress);
  }

  /**
   * As {@link #load(Connection, UUID, int, int, Consumer)}, with {@code firstSellerExtra} more offers for the
   * first seller alone (after the evenly spread ones), in the same mix: P2's events need more of one seller's
   * sent offers than an even share holds.
   */
  public Loaded load(Connection connection, UUID firstSeller, int sellers, int offers, int firstSellerExtra,
      Consumer<String> progress) throws SQLException {
    long start = System.nanoTime();
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    List<UUID> organizations = new ArrayList<>();
    organizations.add(firstSeller);
    StringBuilder orgs = new StringBuilder();
    for (int i = 1; i < sellers; i++) {
      UUID id = uuid();
      organizations.add(id);
      orgs.append(id).append("\tbench-seller-").append(i).append("\tBench Seller ").append(i).append("\tSELLER\t")
          .append(now).append('\n');
    }
    copyIn(copy, "COPY organization (id, slug, name, kind, created_at) FROM STDIN", orgs);
    StringBuilder fields = new StringBuilder();
    for (UUID org : organizations) {
      fields.append(org).append("\tBOOKING\tcrmOpportunity\tCRM opportunity\tTEXT\tfalse\t0\n");
      fields.append(org).append("\tCONTRACT\tpoNumber\tPO number\tTEXT\tfalse\t1\n");
    }
    copyIn(copy, "COPY offer_metadata_field (organization_id, field_group, key, label, type, required, position)"
        + " FROM STDIN", fields);
    List<String> indexes = dropIndexes(connection, "offer", "offer_event");
    // Offers and their events come in together: V181's trigger, which gives an offer a new row version when its
    // events change, would rewrite every offer loaded so far after each batch of events.
    try (Statement s = connection.createStatement()) {
      s.execute("ALTER TABLE offer_event DISABLE TRIGGER USER");
    }
    int events = 0;
    StringBuilder offerRows = new StringBuilder();
    StringBuilder eventRows = new StringBuilder();
    int total = offers + firstSellerExtra;
    for (int n = 0; n < total; n++) {
      events += offer(n < offers ? organizations.get(n % organizations.size()) : firstSeller, offerRows, eventRows);
      if ((n + 1) % BATCH == 0 || n == total - 1) {
        copyIn(copy, "COPY offer (id, organization_id, type, stage, product_id, name, buyer_account_ids, currency,"
            + " contract_total, expires_on, terms, marketplace_offer_id, change_set_id, revision, version, owner,"
            + " source_agreement_id, agreement_id, publish_errors, view_token, created_at, updated_at) FROM STDIN",
            offerRows);
        copyIn(copy, "COPY offer_event (id, offer_id, organization_id, occurred_at, stage, cause, detail, actor)"
            + " FROM STDIN", eventRows);
        if ((n + 1) % (BATCH * 10) == 0 || n == total - 1) {
          progress.accept(String.format("data: %,d of %,d offers loaded (%,d timeline events), %.0f s", n + 1, total,
              events, (System.nanoTime() - start) / 1e9));
        }
      }
    }
    progress.accept(String.format("data: rebuilding %d indexes, %.0f s", indexes.size(), (System.nanoTime() - start) / 1e9));
    try (Statement s = connection.createStatement()) {
      s.execute("ALTER TABLE offer_event ENABLE TRIGGER USER");
      s.execute("SET maintenance_work_mem = '256MB'");
      for (String index : indexes) {
        s.execute(index);
      }
      s.execute("ANALYZE organization");
      s.execute("ANALYZE offer");
      s.execute("ANALYZE offer_event");
    }
    return new Loaded(organizations, total, events, (System.nanoTime() - start) / 1e9);
  }

  private int offer(UUID org, StringBuilder offers, StringBuilder events) {
    String[] stage = pickStage();
    UUID id = uuid();
    boolean amendment = random.nextInt(10) == 0;
    String company = COMPANIES[random.nextInt(COMPANIES.length)];
    String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
    String productId = "prod-bench" + random.nextInt(PRODUCTS.length);
    String name = company + " " + product + (amendment ? " amendment " : " ") + (random.nextInt(900) + 100);
    String buyer = String.format("%012d", random.nextLong(1_000_000_000_000L));
    Instant created = now.minus(random.nextInt(730 * 24 * 60), ChronoUnit.MINUTES);
    LocalDate expires = LocalDate.ofInstant(created, ZoneOffset.UTC).plusDays(30 + random.nextInt(60));
    int months = 12 * (1 + random.nextInt(3));
    StringBuilder dims = new StringBuilder();
    BigDecimal total = BigDecimal.ZERO;
    int dimensionCount = 1 + random.nextInt(5);
    for (int d = 0; d < dimensionCount; d++) {
      long quantity = 1 + random.nextInt(500);
      BigDecimal price = BigDecimal.valueOf(10 + random.nextInt(2_000));
      total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
      dims.append(d == 0 ? "" : ",").append("{\"key\":\"").append(DIMENSIONS[d]).append("\",\"quantity\":")
          .append(quantity).append(",\"unitPrice\":\"").append(price).append("\"}");
    }
    int installments = 1 + random.nextInt(4);
    BigDecimal each = total.divide(BigDecimal.valueOf(installments), 0, java.math.RoundingMode.DOWN);
    StringBuilder schedule = new StringBuilder();
    LocalDate due = expires.plusDays(1);
    for (int i = 0; i < installments; i++) {
      BigDecimal amount = i == installments - 1 ? total.subtract(each.multiply(BigDecimal.valueOf(installments - 1))) : each;
      schedule.append(i == 0 ? "" : ",").append("{\"dueOn\":\"").append(due.plusMonths(12L * i / installments))
          .append("\",\"amount\":\"").append(amount).append("\"}");
    }
    String terms = "{\"productId\":\"" + productId + "\",\"name\":\"" + name + "\",\"description\":\"Private offer for "
        + company + "\",\"buyerAccountIds\":[\"" + buyer + "\"],\"currency\":\"USD\",\"pricingModel\":\"CONTRACT\","
        + "\"dimensions\":[" + dims + "],\"durationMonths\":" + months + ",\"paymentSchedule\":[" + schedule
        + "],\"expiresOn\":\"" + expires + "\",\"eula\":{\"type\":\"STANDARD\"},\"autoRenew\":false,"
        + "\"metadata\":{\"booking\":{\"crmOpportunity\":\"OPP-" + random.nextInt(1_000_000) + "\"},"
        + "\"registration\":{},\"contract\":{\"poNumber\":\"PO-" + random.nextInt(100_000) + "\"}}}";
    String[] path = stage[2].split(" ");
    boolean published = path.length > 1 && !"CANCELLED".equals(path[1]);
    boolean accepted = stage[2].contains("ACCEPTED");
    String owner = "rep" + random.nextInt(8) + "@seller.example";
    offers.append(id).append('\t').append(org).append('\t').append(amendment ? "AMENDMENT" : "DIRECT").append('\t')
        .append(stage[0]).append('\t').append(productId).append('\t').append(name).append("\t{").append(buyer)
        .append("}\tUSD\t").append(total).append('\t').append(expires).append('\t').append(terms).append('\t')
        .append(published ? "offer-" + id.toString().replace("-", "").substring(0, 13) : "\\N").append('\t')
        .append(published ? "cs-" + id.toString().replace("-", "").substring(0, 24) : "\\N").append('\t')
        .append(published ? 1 : 0).append("\t0\t").append(owner).append('\t')
        .append(amendment ? "agmt-src" + id.toString().substring(0, 8) : "\\N").append('\t')
        .append(accepted ? "agmt-" + id.toString().replace("-", "").substring(0, 20) : "\\N").append("\t[]\t")
        .append(id).append(Long.toHexString(random.nextLong())).append('\t').append(created).append('\t')
        .append(created.plus(path.length, ChronoUnit.DAYS)).append('\n');
    for (int i = 0; i < path.length; i++) {
      events.append(uuid()).append('\t').append(id).append('\t').append(org).append('\t')
          .append(created.plus(i, ChronoUnit.DAYS)).append('\t').append(path[i]).append('\t')
          .append(i == 0 ? "CREATED" : "MOVED").append("\t\\N\t").append(i < 2 ? owner : "marketplace").append('\n');
    }
    return path.length;
  }

  /**
   * Drops the offer tables' secondary indexes (not those behind constraints) for the bulk load, and returns
   * the statements that make them again: building an index once is far quicker than growing it row by row.
   * Also for the tables of {@link OrderData}.
   */
  static List<String> dropIndexes(Connection connection, String... tables) throws SQLException {
    List<String> indexes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (var s = connection.prepareStatement("""
        SELECT indexname, indexdef FROM pg_indexes i
        WHERE schemaname = current_schema() AND tablename = ANY (?)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""")) {
      s.setArray(1, connection.createArrayOf("text", tables));
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
          indexes.add(rs.getString(2));
        }
      }
    }
    try (Statement s = connection.createStatement()) {
      for (String name : names) {
        s.execute("DROP INDEX " + name);
      }
    }
    return indexes;
  }

  private String[] pickStage() {
    int r = random.nextInt(1_000);
    for (String[] s : STAGES) {
      r -= Integer.parseInt(s[1]);
      if (r < 0) {
        return s;
      }
    }
    return STAGES[0];
  }

  private UUID uuid() {
    return new UUID(random.nextLong(), random.nextLong());
  }

  private static void copyIn(CopyManager copy, String sql, StringBuilder rows) throws SQLException {
    try {
      copy.copyIn(sql, new StringReader(rows.toString()));
    } catch (java.io.IOException e) {
      throw new SQLException(e);
    }
    rows.setLength(0);
  }
}
