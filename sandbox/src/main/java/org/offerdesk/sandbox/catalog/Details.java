package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Read access to a change's DetailsDocument that names the offending field when the document does not
 * fit its change type's schema.
 */
final class Details {

  static final Pattern ACCOUNT_ID = Pattern.compile("^\\d{12}$");
  private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
  private static final Pattern PERIOD = Pattern.compile("^P(\\d+[YMWD])+$");

  private final JsonNode node;
  private final String path;

  Details(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  static Details of(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidDetails("DetailsDocument must be a JSON object");
    }
    return new Details(node, "");
  }

  ObjectNode json() {
    return (ObjectNode) node;
  }

  boolean isEmpty() {
    return node.isEmpty();
  }

  boolean has(String field) {
    return node.hasNonNull(field);
  }

  private String where(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  InvalidDetails invalid(String field, String problem) {
    return new InvalidDetails("'" + where(field) + "' " + problem);
  }

  /** Refuses fields the change type does not know. */
  Details allowOnly(String... fields) {
    Set<String> allowed = Set.of(fields);
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw invalid(name, "is not a known field here; expected one of " + String.join(", ", fields));
      }
    }
    return this;
  }

  Details requireAny(String... fields) {
    for (String f : fields) {
      if (has(f)) {
        return this;
      }
    }
    throw new InvalidDetails((path.isEmpty() ? "The details" : "'" + path + "'") + " must contain at least one of "
        + String.join(", ", fields));
  }

  String text(String field) {
    return optText(field).orElseThrow(() -> invalid(field, "is required"));
  }

  /** The field's value if it is present and not null, after checking its JSON type. */
  private Optional<JsonNode> present(String field, Predicate<JsonNode> isRightType, String rightType) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!isRightType.test(value)) {
      throw invalid(field, "must be " + rightType);
    }
    return Optional.of(value);
  }

  Optional<String> optText(String field) {
    return present(field, JsonNode::isTextual, "a string").map(JsonNode::textValue);
  }

  String text(String field, int min, int max) {
    return checkLength(field, text(field), min, max);
  }

  Optional<String> optText(String field, int min, int max) {
    return optText(field).map(v -> checkLength(field, v, min, max));
  }

  private String checkLength(String field, String value, int min, int max) {
    if (value.length() < min || value.length() > max) {
      throw invalid(field, "must be " + min + " to " + max + " characters long");
    }
    return value;
  }

  String oneOf(String field, String... values) {
    String value = text(field);
    for (String v : values) {
      if (v.equals(value)) {
        return value;
      }
    }
    throw invalid(field, "must be one of " + String.join(", ", values) + ", not '" + value + "'");
  }

  Optional<String> optOneOf(String field, String... values) {
    return has(field) ? Optional.of(oneOf(field, values)) : Optional.empty();
  }

  String accountId(String field) {
    String value = text(field);
    if (!ACCOUNT_ID.matcher(value).matches()) {
      throw invalid(field, "must be a 12-digit AWS account ID");
    }
    return value;
  }

  LocalDate date(String field) {
    return optDate(field).orElseThrow(() -> invalid(field, "is required"));
  }

  Optional<LocalDate> optDate(String field) {
    Optional<String> value = optText(field);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (!DATE.matcher(value.get()).matches()) {
      throw invalid(field, "must be a date as YYYY-MM-DD");
    }
    try {
      return Optional.of(LocalDate.parse(value.get()));
    } catch (DateTimeParseException e) {
      throw invalid(field, "is not a valid date");
    }
  }

  Optional<String> optPeriod(String field) {
    Optional<String> value = optText(field);
    if (value.isPresent() && !PERIOD.matcher(value.get()).matches()) {
      throw invalid(field, "must be an ISO-8601 duration such as P12M or P365D");
    }
    return value;
  }

  /** A decimal sent as a string, with at most {@code maxScale} decimals. */
  BigDecimal amount(String field, int maxScale) {
    String value = text(field);
    BigDecimal amount;
    try {
      amount = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw invalid(field, "must be a decimal number as a string");
    }
    if (amount.signum() < 0) {
      throw invalid(field, "cannot be negative");
    }
    if (amount.stripTrailingZeros().scale() > maxScale) {
      throw invalid(field, "can have at most " + maxScale + " decimals");
    }
    return amount;
  }

  int integer(String field, int min, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw invalid(field, "is required");
    }
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      throw invalid(field, "must be a whole number from " + min + " to " + max);
    }
    return value.asInt();
  }

  Details object(String field) {
    return optObject(field).orElseThrow(() -> invalid(field, "is required"));
  }

  Optional<Details> optObject(String field) {
    return present(field, JsonNode::isObject, "an object").map(value -> new Details(value, where(field)));
  }

  List<Details> objects(String field, int min, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (min == 0) {
        return List.of();
      }
      throw invalid(field, "is required");
    }
    if (!value.isArray() || value.size() < min || value.size() > max) {
      throw invalid(field, "must be a list of " + min + " to " + max + " objects");
    }
    List<Details> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isObject()) {
        throw invalid(field + "[" + i + "]", "must be an object");
      }
      items.add(new Details(value.get(i), where(field) + "[" + i + "]"));
    }
    return items;
  }

  List<String> texts(String field, int min, int max, Pattern pattern, String what) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (min == 0) {
        return List.of();
      }
      throw invalid(field, "is required");
    }
    if (!value.isArray() || value.size() < min || value.size() > max) {
      throw invalid(field, "must be a list of " + min + " to " + max + " " + what);
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual() || (pattern != null && !pattern.matcher(item.textValue()).matches())) {
        throw invalid(field, "must contain only " + what);
      }
      items.add(item.textValue());
    }
    return items;
  }
}
