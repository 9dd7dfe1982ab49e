package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.offerdesk.sandbox.accounts.DemoAccounts;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Daily feed delivery as a seller reads it through S3Client: at 00:00 UTC of the sandbox clock with the
 * previous day's rows, appended to the month's file, a new file each month, every feed RFC 4180 CSV with
 * AWS's header, each party seeing only its own rows, a changed agreement delivered once more, and every
 * day exactly once across clock moves and a restart.
 */
class FeedDeliveryTest {

  private static FeedSandbox sandbox;

  static final Map<String, List<String>> HEADERS = Map.of(
      "billingeventfeed_v1", FeedSandbox.BILLING_HEADER,
      "accountfeed_v1", withHistory("account_id", "aws_account_id", "encrypted_account_id", "mailing_address_id",
          "tax_address_id", "tax_registration_number", "tax_legal_name"),
      "addressfeed_v1", withHistory("address_id", "company_name", "email_domain", "country_code", "state_or_region",
          "city", "postal_code", "valid_to"),
      "agreementfeed_v1", withHistory("agreement_id", "offer_id", "offer_set_id", "proposer_account_id",
          "acceptor_account_id", "start_time", "end_time", "acceptance_time", "intent", "preceding_agreement_id",
          "status", "status_reason_code", "currency_code", "estimated_agreement_value", "license_ids"),
      "offerfeed_v1", withHistory("offer_id", "offer_revision", "name", "expiration_date", "opportunity_id",
          "opportunity_name", "opportunity_description", "seller_account_id", "recipient_account_id"),
      "offertargetfeed_v1", withHistory("offer_target_id", "offer_id", "offer_revision", "target_type", "polarity",
          "value"),
      "productfeed_v1", withHistory("product_id", "manufacturer_account_id", "product_code", "title"),
      "legacyidmappingfeed_v1", withHistory("mapping_type", "legacy_id", "new_id"));

  private static List<String> withHistory(String... columns) {
    List<String> all = new java.util.ArrayList<>(List.of(columns));
    all.addAll(List.of("valid_from", "insert_date", "update_date", "delete_date", "catalog"));
    return all;
  }

  @BeforeAll
  static void start() {
    sandbox = new FeedSandbox(TestPostgres.newDatabase("sandbox_feeds"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void deliversThePreviousDaysRowsAtMidnightAppendedToTheMonthsFile() {
    var seller = sandbox.openAccount("Feed Seller", "SELLER");
    String bucket = FeedSandbox.bucket(seller.accountId());
    S3Client s3 = sandbox.s3(seller);
    String first = sandbox.billingEvent(seller.accountId(), DemoAccounts.BUYER_ACME, "SELLER_REV_SHARE", "100.00");
    assertThat(s3.listObjectsV2(r -> r.bucket(bucket)).contents()).isEmpty();

    LocalDate day = sandbox.advancePastMidnight();
    List<CSVRecord> rows = FeedSandbox.parse(FeedSandbox.text(s3, bucket, FeedSandbox.key("billingeventfeed_v1", day)),
        FeedSandbox.BILLING_HEADER);
    assertThat(rows).extracting(r -> r.get("billing_event_id")).containsExactly(first);
    CSVRecord row = rows.get(0);
    assertThat(row.get("amount")).isEqualTo("100");
    assertThat(row.get("transaction_reference_id")).isEqualTo("txn, \"quoted\"");
    assertThat(row.get("action_date")).matches(day + "T\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(row.get("parent_billing_event_id")).isEmpty();
    for (var feed : HEADERS.entrySet()) {
      FeedSandbox.parse(FeedSandbox.text(s3, bucket, FeedSandbox.key(feed.getKey(), day)), feed.getValue());
    }
    // The buyer named in the billing event resolves through the account feed.
    Map<String, String> accounts = FeedSandbox.parse(FeedSandbox.text(s3, bucket, FeedSandbox.key("accountfeed_v1", day)),
        HEADERS.get("accountfeed_v1")).stream().collect(Collectors.toMap(r -> r.get("account_id"), r -> r.get("aws_account_id")));
    assertThat(accounts.get(row.get("from_account_id"))).isEqualTo(DemoAccounts.BUYER_ACME);
    assertThat(accounts.get(row.get("to_account_id"))).isEqualTo(seller.accountId());

    String second = sandbox.billingEvent(seller.accountId(), DemoAccounts.BUYER_ACME, "AWS_REV_SHARE", "-3.00");
    sandbox.advancePastMidnight();
    assertThat(FeedSandbox.billingEventIds(s3, bucket)).containsExactly(first, second);
    assertThat(FeedSandbox.parse(FeedSandbox.text(s3, bucket, FeedSandbox.key("accountfeed_v1", day)),
        HEADERS.get("accountfeed_v1"))).hasSize(2);

    sandbox.advanceToNextMonth();
    LocalDate newMonth = sandbox.advancePastMidnight();
    assertThat(newMonth.getDayOfMonth()).isEqualTo(1);
    for (var feed : HEADERS.entrySet()) {
      String file = FeedSandbox.text(s3, bucket, FeedSandbox.key(feed.getKey(), newMonth));
      assertThat(FeedSandbox.parse(file, feed.getValue())).as(feed.getKey()).isEmpty();
    }
    String third = sandbox.billingEvent(seller.accountId(), DemoAccounts.BUYER_GLOBEX, "SELLER_REV_SHARE", "7.5");
    sandbox.advancePastMidnight();
    assertThat(FeedSandbox.parse(FeedSandbox.text(s3, bucket, FeedSandbox.key("billingeventfeed_v1", newMonth)),
        FeedSandbox.BILLING_HEADER)).extracting(r -> r.get("billing_event_id")).containsExactly(third);
    assertThat(FeedSandbox.billingEventIds(s3, bucket)).containsExactly(first, second, third);
  }

  @Test
  void agreementsProductsAndAccountsComeFromTheSandboxAndAChangeIsDeliveredOnce() {
    S3Client seller = sandbox.s3(SandboxFixture.SELLER_KEY, SandboxFixture.SELLER_SECRET);
    String bucket = FeedSandbox.bucket(DemoAccounts.SELLER);
    var purchase = SandboxFixture.send(sandbox.endpoint(), "POST", "/sandbox/products/prod-sbxpublic0001/subscribe",
        Map.of("buyerAccountId", DemoAccounts.BUYER_GLOBEX, "dimensions", List.of(Map.of("key", "Seats", "quantity", 1))),
        201);
    String agreementId = purchase.get("agreementId").asText();
    String offerId = releasedPrivateOffer(DemoAccounts.BUYER_ACME);
    sandbox.advancePastMidnight();
    List<CSVRecord> offers = rowsFor(seller, bucket, "offerfeed_v1", "offer_id", offerId);
    assertThat(offers).extracting(r -> r.get("name")).containsExactly("Acme private offer");
    assertThat(offers.get(0).get("expiration_date")).endsWith("T23:59:59Z");
    assertThat(offers.get(0).get("seller_account_id")).isEqualTo(offers.get(0).get("recipient_account_id"));
    assertThat(rowsFor(seller, bucket, "offertargetfeed_v1", "offer_id", offerId))
        .extracting(r -> r.get("target_type") + " " + r.get("polarity") + " " + r.get("value"))
        .containsExactly("BuyerAccounts Positive " + DemoAccounts.BUYER_ACME);
    List<CSVRecord> agreements = rowsFor(seller, bucket, "agreementfeed_v1", "agreement_id", agreementId);
    assertThat(agreements).extracting(r -> r.get("status")).containsExactly("ACTIVE");
    Map<String, String> accounts = rows(seller, bucket, "accountfeed_v1").stream()
        .collect(Collectors.toMap(r -> r.get("account_id"), r -> r.get("aws_account_id"), (a, b) -> a));
    assertThat(accounts.get(agreements.get(0).get("acceptor_account_id"))).isEqualTo(DemoAccounts.BUYER_GLOBEX);
    assertThat(accounts.get(agreements.get(0).get("proposer_account_id"))).isEqualTo(DemoAccounts.SELLER);
    assertThat(rowsFor(seller, bucket, "productfeed_v1", "product_id", "prod-sbxpublic0001"))
        .extracting(r -> r.get("product_code")).containsExactly("sbxpublic00000000000000001");

    SandboxFixture.send(sandbox.endpoint(), "POST", "/sandbox/agreements/" + agreementId + "/cancel", null, 200);
    sandbox.advancePastMidnight();
    sandbox.advancePastMidnight();
    List<CSVRecord> versions = rowsFor(seller, bucket, "agreementfeed_v1", "agreement_id", agreementId);
    assertThat(versions).extracting(r -> r.get("status")).containsExactly("ACTIVE", "CANCELLED");
    assertThat(versions.get(1).get("valid_from")).isGreaterThan(versions.get(0).get("valid_from"));
    assertThat(rowsFor(seller, bucket, "productfeed_v1", "product_id", "prod-sbxpublic0001")).hasSize(1);

    // The reseller's bucket has its own feeds, without the seller's agreement.
    S3Client reseller = sandbox.s3(SandboxFixture.RESELLER_KEY, SandboxFixture.RESELLER_SECRET);
    assertThat(rowsFor(reseller, FeedSandbox.bucket(DemoAccounts.RESELLER), "agreementfeed_v1", "agreement_id",
        agreementId)).isEmpty();
  }

  private static String releasedPrivateOffer(String buyer) {
    LocalDate today = LocalDate.ofInstant(sandbox.now(), java.time.ZoneOffset.UTC);
    try (var catalog = software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient.builder()
        .endpointOverride(sandbox.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(SandboxFixture.SELLER_KEY,
                SandboxFixture.SELLER_SECRET)))
        .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder()).build()) {
      var changes = PrivateOfferTest.fullPrivateOffer("prod-sbxlimited001", buyer, d -> today.plusDays(d).toString());
      String id = catalog.startChangeSet(r -> r.catalog(SandboxFixture.CATALOG).changeSet(changes)).changeSetId();
      var done = SandboxFixture.awaitEnd(catalog, id);
      assertThat(done.status().toString()).as("%s", done.changeSet()).isEqualTo("SUCCEEDED");
      return done.changeSet().get(0).entity().identifier();
    }
  }

  /** The rows of every month's file of a feed, oldest month first. */
  static List<CSVRecord> rows(S3Client s3, String bucket, String feed) {
    List<CSVRecord> rows = new java.util.ArrayList<>();
    s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(feed + "/")).contents()
        .forEach(o -> rows.addAll(FeedSandbox.parse(FeedSandbox.text(s3, bucket, o.key()), HEADERS.get(feed))));
    return rows;
  }

  private static List<CSVRecord> rowsFor(S3Client s3, String bucket, String feed, String column, String value) {
    return rows(s3, bucket, feed).stream().filter(r -> r.get(column).equals(value)).toList();
  }

  @Test
  void everyDayIsDeliveredExactlyOnceAcrossRepeatedMovesAndARestart() {
    DatabaseUrl db = TestPostgres.newDatabase("sandbox_feeds_restart");
    String seller;
    String key;
    String secret;
    String first;
    LocalDate day;
    try (FeedSandbox before = new FeedSandbox(db)) {
      var account = before.openAccount("Restarted Seller", "SELLER");
      seller = account.accountId();
      key = account.accessKeyId();
      secret = account.secretAccessKey();
      first = before.billingEvent(seller, DemoAccounts.BUYER_ACME, "SELLER_REV_SHARE", "1");
      day = before.advancePastMidnight();
      before.advance(java.time.Duration.ofMinutes(1));
      assertThat(FeedSandbox.billingEventIds(before.s3(key, secret), FeedSandbox.bucket(seller))).containsExactly(first);
    }
    try (FeedSandbox after = new FeedSandbox(db)) {
      S3Client s3 = after.s3(key, secret);
      String bucket = FeedSandbox.bucket(seller);
      String etag = s3.headObject(r -> r.bucket(bucket).key(FeedSandbox.key("billingeventfeed_v1", day))).eTag();
      after.advance(java.time.Duration.ofMinutes(1));
      after.advance(java.time.Duration.ofMinutes(1));
      assertThat(s3.headObject(r -> r.bucket(bucket).key(FeedSandbox.key("billingeventfeed_v1", day))).eTag()).isEqualTo(etag);
      String second = after.billingEvent(seller, DemoAccounts.BUYER_ACME, "SELLER_REV_SHARE", "2");
      after.advancePastMidnight();
      after.advance(java.time.Duration.ofHours(1));
      assertThat(FeedSandbox.billingEventIds(s3, bucket)).containsExactly(first, second);
    }
  }
}
