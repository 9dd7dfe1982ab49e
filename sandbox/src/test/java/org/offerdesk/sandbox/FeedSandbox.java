package org.offerdesk.sandbox;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A sandbox on its own database for the data-feed tests, which move its clock as they like: the S3 client
 * of an account, the sandbox clock, billing events written as billing writes them (SQL fixtures), and the
 * feeds read back and parsed as RFC 4180 CSV.
 */
final class FeedSandbox implements AutoCloseable {

  final DatabaseUrl db;
  final SandboxServer server;

  FeedSandbox(DatabaseUrl db) {
    this.db = db;
    this.server = SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(), db.password(),
        List.of("--offerdesk.sandbox.change-set.delay=100ms")));
  }

  URI endpoint() {
    return server.endpoint();
  }

  S3Client s3(String accessKey, String secret) {
    return s3(endpoint(), accessKey, secret);
  }

  /** An S3Client of these keys for the sandbox at the endpoint, path-style as the sandbox's S3 API answers. */
  static S3Client s3(URI endpoint, String accessKey, String secret) {
    return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  S3Client s3(SandboxFixture.NewAccount account) {
    return s3(account.accessKeyId(), account.secretAccessKey());
  }

  SandboxFixture.NewAccount openAccount(String name, String kind) {
    var a = SandboxFixture.send(endpoint(), "POST", "/sandbox/accounts", Map.of("name", name, "kind", kind), 201);
    return new SandboxFixture.NewAccount(a.get("accountId").asText(), a.path("accessKeyId").asText(null),
        a.path("secretAccessKey").asText(null));
  }

  static String bucket(String accountId) {
    return "sandbox-datafeeds-" + accountId;
  }

  Instant now() {
    return Instant.parse(SandboxFixture.send(endpoint(), "GET", "/sandbox/clock", null, 200).get("now").asText());
  }

  void advance(Duration by) {
    SandboxFixture.send(endpoint(), "POST", "/sandbox/clock/advance", Map.of("duration", by.toString()), 200);
  }

  /** Moves the clock to one minute past the next 00:00 UTC; answers the day whose rows that delivers. */
  LocalDate advancePastMidnight() {
    Instant now = now();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    advance(Duration.between(now, today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60)));
    return today;
  }

  /** Moves the clock to one minute past 00:00 UTC of the first day of the next month. */
  void advanceToNextMonth() {
    Instant now = now();
    LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
    advance(Duration.between(now, first.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60)));
  }

  /** A billing event of the owner's feed at the sandbox's current time, as billing writes one: answers its ID. */
  String billingEvent(String owner, String buyer, String transactionType, String amount) {
    String id = randomId();
    Instant at = now();
    sql("""
        INSERT INTO sandbox.billing_event (billing_event_id, feed_owner, action_date, from_account_id, to_account_id,
          end_user_account_id, recipient_account_id, product_id, agreement_id, offer_id, action, transaction_type,
          amount, currency, balance_impacting, invoice_date, payment_due_date, invoice_id, broker_id,
          transaction_reference_id, invoice_variant, valid_from, insert_date, update_date)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'prod-sbxpublic0001', 'agmt-feedtest', 'offer-feedtest', 'INVOICED', ?, ?, 'USD', 1,
          ?, ?, '781216640', 'AWS_INC', 'txn, "quoted"', 'PURCHASE', ?, ?, ?)""",
        id, owner, Timestamp.from(at), feedKey(buyer), feedKey(owner), feedKey(buyer), feedKey(owner),
        transactionType, new BigDecimal(amount), Timestamp.from(at), Timestamp.from(at.plus(Duration.ofDays(30))),
        Timestamp.from(at), Timestamp.from(at), Timestamp.from(at));
    return id;
  }

  /** The account-feed key of an account, created the way both billing and the feeds create it. */
  UUID feedKey(String awsAccountId) {
    sql("INSERT INTO sandbox.feed_account (account_id, aws_account_id, created_at) VALUES (?, ?, now()) "
        + "ON CONFLICT (aws_account_id) DO NOTHING", UUID.randomUUID(), awsAccountId);
    try (Connection c = connect();
         PreparedStatement s = c.prepareStatement("SELECT account_id FROM sandbox.feed_account WHERE aws_account_id = ?")) {
      s.setString(1, awsAccountId);
      var rs = s.executeQuery();
      rs.next();
      return rs.getObject(1, UUID.class);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void sql(String statement, Object... args) {
    TestPostgres.update(db, statement, args);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
  }

  private static String randomId() {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      id.append("0123456789abcdef".charAt(ThreadLocalRandom.current().nextInt(16)));
    }
    return id.toString();
  }

  /** The billing event IDs of the owner's billing-event feed, every month's file in key order. */
  static List<String> billingEventIds(S3Client s3, String bucket) {
    List<String> ids = new java.util.ArrayList<>();
    s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("billingeventfeed_v1/")).contents().forEach(o ->
        parse(text(s3, bucket, o.key()), BILLING_HEADER).forEach(r -> ids.add(r.get("billing_event_id"))));
    return ids;
  }

  /** The billing-event feed's header as a reader expects it (the newer AWS columns included). */
  static final List<String> BILLING_HEADER = List.of((
      "billing_event_id,from_account_id,to_account_id,end_user_account_id,product_id,action,transaction_type,"
      + "parent_billing_event_id,disbursement_billing_event_id,amount,currency,balance_impacting,invoice_date,"
      + "payment_due_date,usage_period_start_date,usage_period_end_date,invoice_id,billing_address_id,"
      + "transaction_reference_id,bank_trace_id,broker_id,agreement_id,offer_id,buyer_invoice_id,buyer_invoice_date,"
      + "buyer_line_item_id,line_item_id,buyer_transaction_reference_id,disbursement_amount,disbursement_currency,"
      + "disbursement_reference_number,action_date,invoice_variant,charge_variant,charge_side,recipient_account_id,"
      + "valid_from,insert_date,update_date,delete_date,catalog").split(","));

  static String key(String feed, LocalDate day) {
    return String.format("%s/year=%04d/month=%02d/data.csv", feed, day.getYear(), day.getMonthValue());
  }

  static String text(S3Client s3, String bucket, String key) {
    ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
    return bytes.asString(StandardCharsets.UTF_8);
  }

  /** A feed file parsed as RFC 4180 CSV with its header row; fails when it is not strictly that. */
  static List<CSVRecord> parse(String csv, List<String> header) {
    if (csv.startsWith("\uFEFF") || csv.contains("\r")) {
      throw new AssertionError("A feed is UTF-8 without BOM with \\n line ends: " + csv);
    }
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
      if (!parser.getHeaderNames().equals(header)) {
        throw new AssertionError("Header " + parser.getHeaderNames() + " is not " + header);
      }
      List<CSVRecord> records = parser.getRecords();
      for (CSVRecord r : records) {
        if (r.size() != header.size()) {
          throw new AssertionError("Record " + r + " has " + r.size() + " values, not " + header.size());
        }
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
