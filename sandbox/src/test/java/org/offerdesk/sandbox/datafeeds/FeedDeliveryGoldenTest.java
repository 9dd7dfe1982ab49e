package org.offerdesk.sandbox.datafeeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.offerdesk.sandbox.SandboxServer;
import org.offerdesk.sandbox.faults.FeedFaults;

/**
 * The delivered bytes of a fixed multi-day, multi-party scenario (every time and key fixed, so the files are the
 * same in every run): two sellers, a reseller selling one of them's product, a seller that opens mid-way, a month
 * boundary, an agreement changed, a product and an offer revised, an account renamed, an agreement written after
 * its day was delivered, and the late, duplicate-rows and header-only faults. The digests were taken from the
 * delivery as it was before it read the day's rows for all parties at once (c32c037): a change to what the feeds
 * deliver must show here. The deliveries also issue a bounded number of statements per day, whatever the number
 * of parties.
 */
class FeedDeliveryGoldenTest {

  private static final String S1 = "310000000001";
  private static final String S2 = "310000000002";
  private static final String R1 = "310000000003";
  private static final String S3 = "310000000004";
  private static final String B1 = "310000000011";
  private static final String B2 = "310000000012";
  private static final String B3 = "310000000013";

  private static DatabaseUrl db;
  private static SandboxServer server;

  @BeforeAll
  static void start() {
    db = TestPostgres.newDatabase("sandbox_feeds_golden");
    server = SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(), db.password()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void deliversTheSameBytesAsBeforeInAFewStatementsPerDay() throws Exception {
    scenario();
    FeedDeliveries deliveries = server.context().getBean(FeedDeliveries.class);
    FeedFaults faults = server.context().getBean(FeedFaults.class);
    int owners = count("SELECT count(*) FROM sandbox.account WHERE kind IN ('SELLER', 'RESELLER')");
    List<Integer> perDay = new java.util.ArrayList<>();

    perDay.add(deliver(deliveries, "2031-01-31T00:30:00Z", 2));
    sql("UPDATE sandbox.agreement SET status = 'CANCELLED', status_changed_at = ? WHERE agreement_id = 'agmt-gold-1'",
        at("2031-01-31T08:00:00Z"));
    sql("UPDATE sandbox.entity SET revision = 2, last_modified = ?, document = document || '{\"title\": \"Gold, renamed\"}'"
        + " WHERE entity_id = 'prod-gold-1'", at("2031-01-31T09:00:00Z"));
    sql("UPDATE sandbox.account SET name = 'Buyer One \"Renamed\"' WHERE account_id = ?", B1);
    agreement("agmt-gold-4", "offer-gold-4", "prod-gold-2", S2, B1, null, "2031-01-29T20:00:00Z");
    billingEvent("be-s2-0131", S2, B3, "2031-01-31T11:00:00Z", "42.42");
    faults.set(new FeedFaults.Pending(0, 1, 0));
    perDay.add(deliver(deliveries, "2031-02-01T00:30:00Z", 1));

    faults.set(new FeedFaults.Pending(0, 0, 1));
    billingEvent("be-s1-0201", S1, B1, "2031-02-01T10:00:00Z", "5");
    perDay.add(deliver(deliveries, "2031-02-02T00:30:00Z", 1));

    billingEvent("be-s3-0202", S3, B2, "2031-02-02T10:00:00Z", "77.1");
    sql("UPDATE sandbox.entity SET revision = 2, last_modified = ?, document = document || ?::jsonb"
        + " WHERE entity_id = 'offer-gold-1'", at("2031-02-02T11:00:00Z"),
        "{\"buyerAccounts\": [\"" + B1 + "\", \"" + B3 + "\"], \"name\": \"Gold offer v2\"}");
    faults.set(new FeedFaults.Pending(1, 0, 0));
    perDay.add(deliver(deliveries, "2031-02-03T00:30:00Z", 1));

    billingEvent("be-r1-0203", R1, B2, "2031-02-03T12:00:00Z", "-3.50");
    perDay.add(deliver(deliveries, "2031-02-05T00:30:00Z", 2));

    String dump = dump();
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/feed-golden-dump.txt"), dump);
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(dump.getBytes(StandardCharsets.UTF_8)));
    System.out.println("feed golden digest " + digest + ", statements per delivery " + perDay + ", owners " + owners);
    assertThat(dump).contains("Buyer One \"\"Renamed\"\"").contains("Gold, renamed").contains("be-s1-0201");
    assertThat(digest).as("the delivered feeds differ from the pinned ones: see target/feed-golden-dump.txt")
        .isEqualTo(GOLDEN);
    // Days delivered per call: 2, 1, 1, 1, 2. A statement per party and day would be at least `owners` a day.
    assertThat(owners).isGreaterThanOrEqualTo(6);
    int[] days = {2, 1, 1, 1, 2};
    for (int i = 0; i < days.length; i++) {
      assertThat(perDay.get(i)).as("statements of delivery %s (%s days, %s parties)", i, days[i], owners)
          .isLessThanOrEqualTo(6 + 16 * days[i]);
    }
  }

  static final String GOLDEN = "6b130e855649572ddf512878c6d3ef2a41067a430b82cda1e2487d4e07db5b60";

  /** Delivers what is due at {@code now}; answers the statements this thread sent meanwhile. */
  private static int deliver(FeedDeliveries deliveries, String now, int days) {
    AtomicInteger statements = new AtomicInteger();
    long thread = Thread.currentThread().getId();
    Logger pgjdbc = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
    Level level = pgjdbc.getLevel();
    Handler counter = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLongThreadID() == thread && r.getMessage() != null && r.getMessage().contains("FE=> Execute")) {
          statements.incrementAndGet();
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    counter.setLevel(Level.ALL);
    pgjdbc.addHandler(counter);
    pgjdbc.setLevel(Level.FINEST);
    try {
      assertThat(deliveries.deliverDue(Instant.parse(now))).isEqualTo(days);
    } finally {
      pgjdbc.setLevel(level);
      pgjdbc.removeHandler(counter);
    }
    return statements.get();
  }

  private static void scenario() {
    // The demo's parties and products, made at real time when the sandbox started, at fixed times instead.
    sql("UPDATE sandbox.account SET created_at = '2030-12-01T00:00:00Z'");
    sql("UPDATE sandbox.entity SET last_modified = '2030-12-01T00:00:00Z'");
    assertThat(count("SELECT count(*) FROM sandbox.agreement") + count("SELECT count(*) FROM sandbox.billing_event"))
        .isZero();
    sql("UPDATE sandbox.sandbox_info SET value = '2031-01-29' WHERE key = 'feeds_from'");
    // Whatever real time delivered before (a run across midnight UTC) is gone: the sandbox's clock never reaches 2031.
    sql("TRUNCATE sandbox.feed_delivery, sandbox.feed_file, sandbox.feed_row, sandbox.s3_object");
    account(S1, "Gold Seller One", "SELLER", "2030-12-15T00:00:00Z");
    account(S2, "Gold Seller, \"Two\"", "SELLER", "2030-12-15T00:00:00Z");
    account(R1, "Gold Reseller", "RESELLER", "2030-12-15T00:00:00Z");
    account(S3, "Gold Seller Three", "SELLER", "2031-02-01T12:00:00Z");
    account(B1, "Buyer One", "BUYER", "2030-12-15T00:00:00Z");
    account(B2, "Buyer Two", "BUYER", "2030-12-15T00:00:00Z");
    account(B3, "Buyer Three", "BUYER", "2030-12-15T00:00:00Z");
    // Every account's feed key made beforehand, fixed, so that no random key is made during the deliveries.
    sql("INSERT INTO sandbox.feed_account (account_id, aws_account_id, created_at) SELECT md5(k)::uuid, k, "
        + "'2030-12-20T00:00:00Z' FROM (SELECT account_id AS k FROM sandbox.account UNION SELECT '000000000000') a "
        + "ON CONFLICT (aws_account_id) DO UPDATE SET account_id = EXCLUDED.account_id, created_at = EXCLUDED.created_at");
    entity("prod-gold-1", "SAAS_PRODUCT", S1, null, "2031-01-29T10:00:00Z",
        "{\"productCode\": \"goldcode1\", \"title\": \"Gold One\"}");
    entity("prod-gold-2", "SAAS_PRODUCT", S2, null, "2031-01-30T09:00:00Z",
        "{\"productCode\": \"goldcode2\", \"title\": \"Gold \\\"Two\\\"\"}");
    entity("ra-gold-1", "RESALE_AUTHORIZATION", S1, R1, "2031-01-29T11:00:00Z",
        "{\"productId\": \"prod-gold-1\", \"name\": \"RA one\", \"description\": \"resale, \\\"quoted\\\"\"}");
    entity("offer-gold-1", "OFFER", S1, null, "2031-01-29T12:00:00Z", "{\"state\": \"Released\", \"name\": \"Gold offer\","
        + " \"availabilityEndDate\": \"2031-06-30\", \"buyerAccounts\": [\"" + B1 + "\"], \"countryCodes\": [\"US\", \"DE\"],"
        + " \"negativeCountryCodes\": [\"FR\"]}");
    entity("offer-gold-2", "OFFER", R1, S1, "2031-01-30T08:00:00Z", "{\"state\": \"Released\", \"name\": \"Channel offer\","
        + " \"resaleAuthorizationId\": \"ra-gold-1\", \"buyerAccounts\": [\"" + B2 + "\"]}");
    entity("offer-gold-3", "OFFER", S2, null, "2031-01-29T12:00:00Z", "{\"state\": \"Draft\", \"name\": \"Not yet\"}");
    agreement("agmt-gold-1", "offer-gold-1", "prod-gold-1", S1, B1, null, "2031-01-29T13:00:00Z");
    agreement("agmt-gold-2", "offer-gold-2", "prod-gold-1", R1, B2, S1, "2031-01-30T09:30:00Z");
    agreement("agmt-gold-3", "offer-gold-3", "prod-gold-2", S2, B3, null, "2031-01-31T10:00:00Z");
    billingEvent("be-s1-0129", S1, B1, "2031-01-29T14:00:00Z", "100.00");
    billingEvent("be-s1-0130", S1, B1, "2031-01-30T15:00:00Z", "0.000100");
    billingEvent("be-r1-0130", R1, B2, "2031-01-30T16:00:00Z", "12");
    billingEvent("be-m1-0130", S1, B2, "2031-01-30T16:00:00Z", "-1.2");
  }

  private static void account(String id, String name, String kind, String createdAt) {
    sql("INSERT INTO sandbox.account (account_id, name, kind, created_at) VALUES (?, ?, ?, ?)", id, name, kind, at(createdAt));
  }

  private static void entity(String id, String type, String owner, String sharedWith, String at, String document) {
    sql("INSERT INTO sandbox.entity (entity_id, entity_type, owner_account_id, shared_with_account_id, revision,"
        + " last_modified, document) VALUES (?, ?, ?, ?, 1, ?, ?::jsonb)", id, type, owner, sharedWith, at(at), document);
  }

  private static void agreement(String id, String offer, String product, String proposer, String acceptor,
      String manufacturer, String acceptedAt) {
    Timestamp accepted = at(acceptedAt);
    sql("INSERT INTO sandbox.agreement (agreement_id, offer_id, product_id, proposer_account_id, acceptor_account_id,"
        + " status, acceptance_time, start_time, end_time, manufacturer_account_id, offer_set_id, currency_code,"
        + " agreement_value) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, 'USD', 1200.50)", id, offer, product,
        proposer, acceptor, accepted, accepted, Timestamp.from(accepted.toInstant().plusSeconds(365L * 86400)),
        manufacturer, manufacturer == null ? null : "set-" + id);
  }

  private static void billingEvent(String id, String owner, String buyer, String at, String amount) {
    Timestamp t = at(at);
    sql("""
        INSERT INTO sandbox.billing_event (billing_event_id, feed_owner, action_date, from_account_id, to_account_id,
          end_user_account_id, recipient_account_id, product_id, agreement_id, offer_id, action, transaction_type,
          amount, currency, balance_impacting, invoice_date, payment_due_date, invoice_id, broker_id,
          transaction_reference_id, invoice_variant, valid_from, insert_date, update_date)
        VALUES (?, ?, ?, md5(?)::uuid, md5(?)::uuid, md5(?)::uuid, md5(?)::uuid, 'prod-gold-1', 'agmt-gold-1',
          'offer-gold-1', 'INVOICED', 'SELLER_REV_SHARE', ?::numeric, 'USD', 1, ?, ?, 'inv-1', 'AWS_INC',
          'txn, "quoted"', 'PURCHASE', ?, ?, ?)""",
        id, owner, t, buyer, owner, buyer, owner, amount, t, t, t, t, t);
  }

  private static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  /** Every object, file, fingerprint and delivery, in a fixed order. */
  private static String dump() {
    StringBuilder out = new StringBuilder();
    query("SELECT bucket, object_key, etag, last_modified, convert_from(content, 'UTF8') FROM sandbox.s3_object"
        + " ORDER BY bucket COLLATE \"C\", object_key COLLATE \"C\"", out);
    query("SELECT owner_account_id, feed, year_month, convert_from(content, 'UTF8') FROM sandbox.feed_file"
        + " ORDER BY owner_account_id, feed COLLATE \"C\", year_month", out);
    query("SELECT owner_account_id, feed, row_key, fingerprint FROM sandbox.feed_row ORDER BY owner_account_id,"
        + " feed COLLATE \"C\", row_key COLLATE \"C\"", out);
    query("SELECT * FROM sandbox.feed_delivery ORDER BY 1", out);
    query("SELECT account_id, aws_account_id, created_at FROM sandbox.feed_account ORDER BY 2", out);
    return out.toString();
  }

  private static void query(String sql, StringBuilder out) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      out.append("== ").append(sql).append('\n');
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object v = rs.getObject(i);
          out.append(i > 1 ? " | " : "").append(v instanceof Timestamp t ? t.toInstant() : v);
        }
        out.append('\n');
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int count(String sql) {
    try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sql(String statement, Object... args) {
    TestPostgres.update(db, statement, args);
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
  }
}
