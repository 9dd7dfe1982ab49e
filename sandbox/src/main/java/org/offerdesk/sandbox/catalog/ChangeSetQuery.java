package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.offerdesk.sandbox.wire.AwsServiceException;

/**
 * What a ListChangeSets request asks for, read as AWS reads it: its filters (at most 8, each with a value list),
 * its sort (StartTime ascending unless told, ties by change set ID) and its NextToken (an offset into the sorted
 * list). A request the real API would refuse is refused with the same ValidationException.
 */
final class ChangeSetQuery {

  private static final int MAX_FILTERS = 8;
  private static final String OFFSET = "offset:";

  private ChangeSetQuery() {}

  static Predicate<ChangeSet> filter(JsonNode request) {
    JsonNode filters = request.path("FilterList");
    if (filters.isArray() && filters.size() > MAX_FILTERS) {
      throw AwsServiceException.validation("FilterList can have at most 8 filters.");
    }
    Predicate<ChangeSet> filter = cs -> true;
    for (JsonNode f : filters) {
      filter = filter.and(one(f));
    }
    return filter;
  }

  static Comparator<ChangeSet> order(JsonNode request) {
    String sortBy = request.path("Sort").path("SortBy").asText("StartTime");
    String order = request.path("Sort").path("SortOrder").asText("ASCENDING");
    Comparator<ChangeSet> comparator = switch (sortBy) {
      case "StartTime" -> Comparator.comparing(ChangeSet::startTime);
      case "EndTime" -> Comparator.comparing(ChangeSet::endTime, Comparator.nullsLast(Comparator.naturalOrder()));
      case "Name", "ChangeSetName" -> Comparator.comparing(ChangeSet::name);
      case "Status" -> Comparator.comparing(cs -> cs.status().name());
      default -> throw AwsServiceException.validation("SortBy " + sortBy + " is not supported.");
    };
    if (order.equals("DESCENDING")) {
      comparator = comparator.reversed();
    }
    return comparator.thenComparing(ChangeSet::id);
  }

  static int offset(JsonNode request) {
    if (!request.hasNonNull("NextToken")) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(request.get("NextToken").asText()), StandardCharsets.UTF_8);
      return Integer.parseInt(decoded.substring(OFFSET.length()));
    } catch (RuntimeException e) {
      throw AwsServiceException.validation("NextToken is not valid.");
    }
  }

  static String nextToken(int offset) {
    return Base64.getUrlEncoder().encodeToString((OFFSET + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static Predicate<ChangeSet> one(JsonNode f) {
    String name = f.path("Name").asText();
    List<String> values = new ArrayList<>();
    f.path("ValueList").forEach(v -> values.add(v.asText()));
    if (values.isEmpty()) {
      throw AwsServiceException.validation("Filter " + name + " needs a ValueList.");
    }
    return switch (name) {
      case "ChangeSetName" -> cs -> values.contains(cs.name());
      case "Status" -> cs -> values.contains(cs.status().name());
      case "EntityId" -> cs -> cs.changes().stream().anyMatch(c -> values.contains(c.resolvedIdentifier()) || values.contains(c.identifier()));
      case "BeforeStartTime" -> cs -> !cs.startTime().isAfter(time(values.get(0)));
      case "AfterStartTime" -> cs -> !cs.startTime().isBefore(time(values.get(0)));
      case "BeforeEndTime" -> cs -> cs.endTime() != null && !cs.endTime().isAfter(time(values.get(0)));
      case "AfterEndTime" -> cs -> cs.endTime() != null && !cs.endTime().isBefore(time(values.get(0)));
      default -> throw AwsServiceException.validation("Filter " + name + " is not supported by ListChangeSets.");
    };
  }

  private static Instant time(String value) {
    try {
      return Instant.parse(value);
    } catch (RuntimeException e) {
      throw AwsServiceException.validation("Time filter value " + value + " must look like 2021-05-27T22:21:26Z.");
    }
  }
}
