package org.offerdesk.sandbox.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Reading and writing awsJson bodies. Timestamps of the awsJson services (Agreement, Metering,
 * Entitlement) travel as epoch seconds, as numbers: the SDKs refuse text dates there.
 */
public final class AwsJson {

  public static final ObjectMapper JSON = new ObjectMapper();

  private AwsJson() {}

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Epoch seconds with milliseconds, e.g. {@code 1725053763.123}. */
  public static BigDecimal epochSeconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli(), 3);
  }

  public static void putTime(ObjectNode node, String field, Instant instant) {
    if (instant != null) {
      node.put(field, epochSeconds(instant));
    }
  }

  /** A timestamp member as the SDKs send it: epoch seconds (number), or ISO-8601 text from other clients. */
  public static Optional<Instant> time(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isNumber()) {
      return Optional.of(Instant.ofEpochMilli(value.decimalValue().movePointRight(3).longValue()));
    }
    try {
      return Optional.of(Instant.parse(value.asText()));
    } catch (RuntimeException e) {
      throw AwsJsonError.of("ValidationException", field + " is not a timestamp");
    }
  }

  public static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}
