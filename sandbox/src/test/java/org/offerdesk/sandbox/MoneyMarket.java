package org.offerdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.offerdesk.postgres.DatabaseUrl;
import org.offerdesk.postgres.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.marketplacecatalog.MarketplaceCatalogClient;

/**
 * A sandbox of its own for tests of the money side, which move its clock: the control API, the rows the
 * billing writes (read straight from its database, as the seller data feeds read them) and the Agreement
 * API's newer operations as raw SigV4-signed calls, since SDK 2.40.2 predates them.
 */
final class MoneyMarket implements AutoCloseable {

  final DatabaseUrl db;
  final SandboxServer server;
  final JdbcTemplate jdbc;

  MoneyMarket(String name) {
    this(TestPostgres.newDatabase(name));
  }

  MoneyMarket(DatabaseUrl db) {
    this.db = db;
    this.server = start(db);
    DriverManagerDataSource ds = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
    this.jdbc = new JdbcTemplate(ds);
  }

  static SandboxServer start(DatabaseUrl db) {
    return SandboxServer.start(new SandboxServer.Settings(0, db.jdbcUrl(), db.username(), db.password(),
        List.of("--offerdesk.sandbox.change-set.delay=100ms")));
  }

  @Override
  public void close() {
    server.close();
  }

  URI endpoint() {
    return server.endpoint();
  }

  JsonNode send(String method, String path, Object body, int... accepted) {
    return SandboxFixture.send(endpoint(), method, path, body, accepted);
  }

  /** A new account of the kind, with its keys. */
  SandboxFixture.NewAccount open(String kind) {
    JsonNode a = send("POST", "/sandbox/accounts", Map.of("name", kind + " " + System.nanoTime(), "kind", kind), 201, 200);
    return new SandboxFixture.NewAccount(a.get("accountId").asText(), a.path("accessKeyId").asText(null),
        a.path("secretAccessKey").asText(null));
  }

  MarketplaceCatalogClient catalog(SandboxFixture.NewAccount account) {
    return MarketplaceCatalogClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(),
            account.secretAccessKey())))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  String addProduct(String sellerAccountId, String visibility) {
    return send("POST", "/sandbox/accounts/" + sellerAccountId + "/products",
        Map.of("title", "Product " + System.nanoTime(), "visibility", visibility), 201).get("productId").asText();
  }

  JsonNode advance(String duration) {
    return send("POST", "/sandbox/clock/advance", Map.of("duration", duration), 200);
  }

  /**
   * Moves the clock to the next 12:00 UTC, so that the few minutes a test then moves it by never cross a
   * midnight, when collections, payouts and feed deliveries run.
   */
  void toNextNoon() {
    Instant now = now();
    Instant noon = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofHours(12));
    advance(java.time.Duration.between(now, noon.isAfter(now) ? noon : noon.plus(java.time.Duration.ofDays(1)))
        .toString());
  }

  Instant now() {
    return Instant.parse(send("GET", "/sandbox/clock", null, 200).get("now").asText());
  }

  /** A date this many days after the sandbox's today. */
  String inDays(int days) {
    return LocalDate.ofInstant(now(), ZoneOffset.UTC).plusDays(days).toString();
  }

  String accept(String offerId, String buyer) {
    return send("POST", "/sandbox/offers/" + offerId + "/accept", Map.of("buyerAccountId", buyer), 201).get("agreementId").asText();
  }

  static final String OFFER = "Offer@1.0";
  static final String REF = "$CreateOfferChange.Entity.Identifier";

  /** A released private offer of the seller for the buyer, with these pricing terms (and payment schedule). */
  String privateOffer(MarketplaceCatalogClient seller, String productId, String buyer, String pricingTerm, String scheduleTerm) {
    var done = SandboxFixture.run(seller, privateOfferChanges(productId, buyer, pricingTerm, scheduleTerm, inDays(30)));
    assertThat(done.status()).as("%s", done.changeSet()).isEqualTo(
        software.amazon.awssdk.services.marketplacecatalog.model.ChangeStatus.SUCCEEDED);
    return done.changeSet().get(0).entity().identifier();
  }

  /** The changes that make and release such an offer, available until {@code availableUntil}. */
  static software.amazon.awssdk.services.marketplacecatalog.model.Change[] privateOfferChanges(String productId, String buyer,
      String pricingTerm, String scheduleTerm, String availableUntil) {
    List<software.amazon.awssdk.services.marketplacecatalog.model.Change> changes = new java.util.ArrayList<>(List.of(
        SandboxFixture.change("CreateOffer", OFFER, null, "CreateOfferChange", "{\"ProductId\":\"" + productId + "\"}"),
        SandboxFixture.change("UpdateInformation", OFFER, REF, "{\"Name\":\"Money offer\",\"Description\":\"Billed\"}"),
        SandboxFixture.change("UpdateTargeting", OFFER, REF, "{\"PositiveTargeting\":{\"BuyerAccounts\":[\"" + buyer + "\"]}}"),
        SandboxFixture.change("UpdatePricingTerms", OFFER, REF, "{\"PricingModel\":\"Contract\",\"Terms\":[" + pricingTerm + "]}"),
        SandboxFixture.change("UpdateValidityTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\"}]}"),
        SandboxFixture.change("UpdateLegalTerms", OFFER, REF, "{\"Terms\":[{\"Type\":\"LegalTerm\",\"Documents\":[{\"Type\":"
            + "\"StandardEula\",\"Version\":\"2022-07-14\"}]}]}"),
        SandboxFixture.change("UpdateAvailability", OFFER, REF, "{\"AvailabilityEndDate\":\"" + availableUntil + "\"}")));
    if (scheduleTerm != null) {
      changes.add(SandboxFixture.change("UpdatePaymentScheduleTerms", OFFER, REF, "{\"Terms\":[" + scheduleTerm + "]}"));
    }
    changes.add(SandboxFixture.change("ReleaseOffer", OFFER, REF, "{}"));
    return changes.toArray(software.amazon.awssdk.services.marketplacecatalog.model.Change[]::new);
  }

  /** A contract whose whole price is charged upfront. */
  static String upfront(String price) {
    return "{\"Type\":\"FixedUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"Price\":\"" + price + "\",\"Duration\":\"P12M\","
        + "\"Grants\":[{\"DimensionKey\":\"Seats\",\"MaxQuantity\":10}]}";
  }

  /** A seller with a product, and a buyer with these payment terms. */
  record Deal(SandboxFixture.NewAccount seller, MarketplaceCatalogClient catalog, String productId, String buyer) {}

  Deal deal(Map<String, Object> paymentTerms) {
    SandboxFixture.NewAccount seller = open("SELLER");
    String buyer = open("BUYER").accountId();
    send("PUT", "/sandbox/accounts/" + buyer + "/payment-terms", paymentTerms, 200);
    return new Deal(seller, catalog(seller), addProduct(seller.accountId(), "Limited"), buyer);
  }

  /** The deal's buyer accepts a new private offer whose whole price is charged upfront: answers the agreement. */
  String acceptUpfront(Deal deal, String price) {
    return accept(privateOffer(deal.catalog(), deal.productId(), deal.buyer(), upfront(price), null), deal.buyer());
  }

  /** The deal's seller is paid monthly on the day; its buyer accepts an upfront offer: answers the first payday. */
  LocalDate paidMonthlyOn(Deal deal, int dayOfMonth, String price) {
    send("PUT", "/sandbox/accounts/" + deal.seller().accountId() + "/disbursement-settings",
        Map.of("frequency", "MONTHLY", "dayOfMonth", dayOfMonth), 200);
    acceptUpfront(deal, price);
    LocalDate today = LocalDate.ofInstant(now(), ZoneOffset.UTC);
    return today.getDayOfMonth() < dayOfMonth ? today.withDayOfMonth(dayOfMonth) : today.plusMonths(1).withDayOfMonth(dayOfMonth);
  }

  /** A seller's public product subscribed by a buyer (one seat), and usage it metered through BatchMeterUsage. */
  record Metered(SandboxFixture.NewAccount seller, String buyer, Instant meteredAt) {
    /** The first day of the month the usage was metered in. */
    LocalDate month() {
      return LocalDate.ofInstant(meteredAt, ZoneOffset.UTC).withDayOfMonth(1);
    }

    /** The day its monthly bill is issued: the 2nd of the next month. */
    LocalDate billDay() {
      return month().plusMonths(1).withDayOfMonth(2);
    }
  }

  Metered meteredSubscription(int apiCalls) {
    SandboxFixture.NewAccount seller = open("SELLER");
    String buyer = open("BUYER").accountId();
    JsonNode product = send("POST", "/sandbox/accounts/" + seller.accountId() + "/products",
        Map.of("title", "Metered " + System.nanoTime(), "visibility", "Public"), 201);
    send("POST", "/sandbox/products/" + product.path("productId").asText() + "/subscribe",
        Map.of("buyerAccountId", buyer, "dimensions", List.of(Map.of("key", "Seats", "quantity", 1))), 201, 200);
    Instant now = now();
    try (var metering = Marketplace.metering(endpoint(), seller.accessKeyId(), seller.secretAccessKey())) {
      var result = metering.batchMeterUsage(r -> r.productCode(product.path("productCode").asText())
          .usageRecords(u -> u.customerAWSAccountId(buyer).dimension("ApiCalls").quantity(apiCalls).timestamp(now)));
      assertThat(result.results()).singleElement().satisfies(x -> assertThat(x.statusAsString()).isEqualTo("Success"));
    }
    return new Metered(seller, buyer, now);
  }

  /** The billing events in an account's feed, oldest first, with accounts as 12-digit IDs. */
  List<Map<String, Object>> rows(String owner) {
    return jdbc.queryForList("SELECT e.*, fa.aws_account_id AS from_aws, ta.aws_account_id AS to_aws "
        + "FROM sandbox.billing_event e LEFT JOIN sandbox.feed_account fa ON fa.account_id = e.from_account_id "
        + "LEFT JOIN sandbox.feed_account ta ON ta.account_id = e.to_account_id WHERE e.feed_owner = ? "
        + "ORDER BY e.action_date, e.action DESC, e.transaction_type, e.amount", owner);
  }

  static List<Map<String, Object>> only(List<Map<String, Object>> rows, String action, String type) {
    return rows.stream().filter(r -> action.equals(r.get("action")) && type.equals(r.get("transaction_type"))).toList();
  }

  static BigDecimal amount(Map<String, Object> row) {
    return ((BigDecimal) row.get("amount")).stripTrailingZeros();
  }

  static void assertAmounts(List<Map<String, Object>> rows, String... amounts) {
    assertThat(rows).extracting(r -> amount(r).toPlainString()).containsExactly(amounts);
  }

  /** One Agreement API operation, SigV4-signed with the account's keys, answering status and JSON. */
  record Answer(int status, JsonNode body) {}

  Answer agreementApi(SandboxFixture.NewAccount account, String operation, String json) {
    SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(endpoint() + "/"))
        .putHeader("Content-Type", "application/x-amz-json-1.0")
        .putHeader("X-Amz-Target", "AWSMPCommerceService_v20200301." + operation).build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(account.accessKeyId(), account.secretAccessKey()))
        .request(request).payload(ContentStreamProvider.fromUtf8String(json))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "aws-marketplace")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
    HttpRequest.Builder http = HttpRequest.newBuilder(signed.getUri()).POST(HttpRequest.BodyPublishers.ofString(json));
    signed.headers().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
        values.forEach(v -> http.header(name, v));
      }
    });
    HttpResponse<String> response = SandboxFixture.raw(http.build());
    try {
      return new Answer(response.statusCode(), Marketplace.JSON.readTree(response.body()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(response.body(), e);
    }
  }
}
