package org.offerdesk.sandbox.metering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.agreements.Agreement;
import org.offerdesk.sandbox.agreements.Agreements;
import org.offerdesk.sandbox.catalog.Products;
import org.offerdesk.sandbox.catalog.SaaSProduct;
import org.offerdesk.sandbox.wire.AwsJson;
import org.offerdesk.sandbox.wire.AwsJsonError;
import org.offerdesk.sandbox.wire.AwsJsonService;
import org.offerdesk.sandbox.wire.AwsServiceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Metering API (awsJson 1.1, {@code AWSMPMeteringService}): ResolveCustomer for registration tokens,
 * BatchMeterUsage for SaaS sellers, and MeterUsage (metered by the buyer's own account). Usage is kept per
 * product, customer, dimension and hour: a second record for the same hour with another quantity is a
 * duplicate, the same record again is answered as before.
 */
@Component
class MeteringApi implements AwsJsonService {

  /** How far back usage may be metered, as the 2.40.2-era documentation gives it. */
  static final Duration WINDOW = Duration.ofHours(6);
  /** How long after its agreement ended a customer may still be metered, as AWS allows. */
  static final Duration FINAL_METERING = Duration.ofHours(1);

  private final RegistrationTokens tokens;
  private final Products products;
  private final Agreements agreements;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  MeteringApi(RegistrationTokens tokens, Products products, Agreements agreements, JdbcTemplate jdbc, Clock clock) {
    this.tokens = tokens;
    this.products = products;
    this.agreements = agreements;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public String targetPrefix() {
    return "AWSMPMeteringService";
  }

  @Override
  public String jsonVersion() {
    return "1.1";
  }

  @Override
  @Transactional
  public JsonNode call(String operation, JsonNode in, Account caller, String path) {
    return switch (operation) {
      case "ResolveCustomer" -> resolve(in, caller);
      case "BatchMeterUsage" -> batchMeterUsage(in, caller);
      case "MeterUsage" -> meterUsage(in, caller);
      default -> throw AwsJsonError.of("UnknownOperationException", "The sandbox does not implement " + operation);
    };
  }

  private JsonNode resolve(JsonNode in, Account caller) {
    String token = AwsJson.text(in, "RegistrationToken")
        .orElseThrow(() -> AwsJsonError.of("InvalidTokenException", "RegistrationToken is required"));
    RegistrationTokens.Registration r = tokens.find(token)
        .filter(found -> found.sellerAccountId().equals(caller.id().value()))
        .orElseThrow(() -> AwsJsonError.of("InvalidTokenException", "Registration token is invalid"));
    if (!r.expiresAt().isAfter(clock.instant())) {
      throw AwsJsonError.of("ExpiredTokenException", "Registration token has expired");
    }
    // LicenseArn is in AWS's current model (2026-02), not in SDK 2.40.2's, whose clients ignore it: it is
    // the one field that tells which of a buyer's agreements for the product the token was issued for.
    ObjectNode out = AwsJson.object()
        .put("CustomerIdentifier", r.customerIdentifier())
        .put("ProductCode", r.productCode())
        .put("CustomerAWSAccountId", r.customerAccountId());
    agreements.find(r.agreementId()).ifPresent(a -> out.put("LicenseArn", a.licenseArn()));
    return out;
  }

  private JsonNode batchMeterUsage(JsonNode in, Account caller) {
    SaaSProduct product = ownProduct(in.path("ProductCode").asText(null), caller);
    JsonNode records = in.path("UsageRecords");
    if (records.size() > 25) {
      throw AwsJsonError.of("ValidationException", "UsageRecords can hold at most 25 records");
    }
    Instant now = clock.instant();
    for (JsonNode record : records) {
      checkTime(AwsJson.time(record, "Timestamp").orElseThrow(() -> AwsJsonError.of("ValidationException", "Timestamp is required")), now);
      checkDimension(product, record.path("Dimension").asText(null));
      if (record.hasNonNull("CustomerIdentifier") && record.hasNonNull("CustomerAWSAccountId")) {
        throw AwsJsonError.of("ValidationException", "CustomerIdentifier and CustomerAWSAccountId are mutually exclusive");
      }
    }
    ObjectNode out = AwsJson.object();
    ArrayNode results = out.putArray("Results");
    for (JsonNode record : records) {
      Instant time = AwsJson.time(record, "Timestamp").orElseThrow();
      ObjectNode echo = record.deepCopy();
      AwsJson.putTime(echo, "Timestamp", time);
      ObjectNode result = results.addObject();
      result.set("UsageRecord", echo);
      Optional<String> customer = customerAccount(product, record);
      if (customer.isEmpty() || !subscribed(product, customer.get(), now)) {
        result.put("Status", "CustomerNotSubscribed");
        continue;
      }
      Recorded recorded = record(product, customer.get(), record.path("Dimension").asText(), time,
          record.path("Quantity").asLong(0), null, now);
      result.put("MeteringRecordId", recorded.id()).put("Status", recorded.duplicate() ? "DuplicateRecord" : "Success");
    }
    out.putArray("UnprocessedRecords");
    return out;
  }

  private JsonNode meterUsage(JsonNode in, Account caller) {
    String code = in.path("ProductCode").asText(null);
    SaaSProduct product = products.byProductCode(code == null ? "" : code)
        .orElseThrow(() -> AwsJsonError.of("InvalidProductCodeException", "Product code " + code + " is not valid"));
    Instant now = clock.instant();
    Instant time = AwsJson.time(in, "Timestamp").orElseThrow(() -> AwsJsonError.of("ValidationException", "Timestamp is required"));
    checkTime(time, now);
    String dimension = in.path("UsageDimension").asText(null);
    checkDimension(product, dimension);
    String customer = caller.id().value();
    if (!subscribed(product, customer, now)) {
      throw AwsJsonError.of("CustomerNotEntitledException", "Account " + customer + " is not subscribed to " + code);
    }
    if (in.path("DryRun").asBoolean(false)) {
      return AwsJson.object().put("MeteringRecordId", UUID.randomUUID().toString());
    }
    String clientToken = in.path("ClientToken").asText(null);
    if (clientToken != null) {
      Optional<String> earlier = jdbc.query("SELECT metering_record_id, dimension, usage_hour, quantity FROM metering_record "
              + "WHERE client_token = ? AND customer_account_id = ?",
          (rs, row) -> rs.getString(2).equals(dimension) && rs.getTimestamp(3).toInstant().equals(time.truncatedTo(ChronoUnit.HOURS))
              && rs.getLong(4) == in.path("UsageQuantity").asLong(0) ? rs.getString(1) : "",
          clientToken, customer).stream().findFirst();
      if (earlier.isPresent()) {
        if (earlier.get().isEmpty()) {
          throw AwsJsonError.of("IdempotencyConflictException", "ClientToken " + clientToken + " was used with other parameters");
        }
        return AwsJson.object().put("MeteringRecordId", earlier.get());
      }
    }
    Recorded recorded = record(product, customer, dimension, time, in.path("UsageQuantity").asLong(0), clientToken, now);
    if (recorded.duplicate()) {
      throw AwsJsonError.of("DuplicateRequestException", "Usage of " + dimension + " for this hour was already metered with another quantity");
    }
    return AwsJson.object().put("MeteringRecordId", recorded.id());
  }

  private record Recorded(String id, boolean duplicate) {}

  private Recorded record(SaaSProduct product, String customer, String dimension, Instant time, long quantity,
      String clientToken, Instant now) {
    if (quantity < 0 || quantity > Integer.MAX_VALUE) {
      throw AwsJsonError.of("ValidationException", "Quantity must be between 0 and 2147483647");
    }
    Timestamp hour = Timestamp.from(time.truncatedTo(ChronoUnit.HOURS));
    String id = UUID.randomUUID().toString();
    int inserted = jdbc.update("INSERT INTO metering_record (metering_record_id, product_code, customer_account_id, dimension, "
            + "usage_hour, quantity, client_token, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        id, product.productCode(), customer, dimension, hour, quantity, clientToken, Timestamp.from(now));
    if (inserted == 1) {
      return new Recorded(id, false);
    }
    return jdbc.queryForObject("SELECT metering_record_id, quantity FROM metering_record WHERE product_code = ? "
            + "AND customer_account_id = ? AND dimension = ? AND usage_hour = ?",
        (rs, row) -> new Recorded(rs.getString(1), rs.getLong(2) != quantity),
        product.productCode(), customer, dimension, hour);
  }

  private SaaSProduct ownProduct(String code, Account caller) {
    return products.byProductCode(code == null ? "" : code)
        .filter(p -> p.ownerAccountId().equals(caller.id().value()))
        .orElseThrow(() -> AwsJsonError.of("InvalidProductCodeException", "Product code " + code + " is not a product of this seller"));
  }

  private static void checkTime(Instant time, Instant now) {
    if (time.isBefore(now.minus(WINDOW)) || time.isAfter(now.plus(Duration.ofMinutes(5)))) {
      throw AwsJsonError.of("TimestampOutOfBoundsException",
          "Timestamp " + time + " is outside the allowed window: no more than 6 hours in the past, not in the future");
    }
  }

  private static void checkDimension(SaaSProduct product, String dimension) {
    if (dimension == null || !product.isMetered(dimension)) {
      throw AwsJsonError.of("InvalidUsageDimensionException", "Dimension " + dimension + " is not a metered dimension of "
          + product.productCode());
    }
  }

  private Optional<String> customerAccount(SaaSProduct product, JsonNode record) {
    if (record.hasNonNull("CustomerAWSAccountId")) {
      return Optional.of(record.get("CustomerAWSAccountId").asText());
    }
    String identifier = record.path("CustomerIdentifier").asText("");
    return agreements.ofProduct(product.id()).stream().map(Agreement::acceptorAccountId)
        .filter(a -> RegistrationTokens.customerIdentifier(a, product.productCode()).equals(identifier))
        .findFirst();
  }

  /** Subscribed: an active agreement, or one that ended less than an hour ago (the final-metering window). */
  private boolean subscribed(SaaSProduct product, String customer, Instant now) {
    return agreements.ofProduct(product.id()).stream()
        .filter(a -> a.acceptorAccountId().equals(customer))
        .anyMatch(a -> a.isActive() || (a.endTime() != null && !a.endTime().plus(FINAL_METERING).isBefore(now)));
  }

  static AwsServiceException unknown(String operation) {
    return AwsJsonError.of("UnknownOperationException", "The sandbox does not implement " + operation);
  }
}
