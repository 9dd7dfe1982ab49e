package org.offerdesk.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.offerdesk.sandbox.accounts.Account;
import org.offerdesk.sandbox.wire.AwsServiceException;
import org.springframework.stereotype.Component;

/**
 * ListEntities: the entities an account owns (SELF) or has been shared (SHARED), filtered by AWS's
 * per-type filters, sorted, and paged with an opaque NextToken. Each entity is first reduced to its
 * summary fields, named as the filters name them, so that filtering and sorting are one mechanism.
 */
@Component
class EntityListing {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Map<EntityType, Set<String>> FILTERS = Map.of(
      EntityType.OFFER, Set.of("EntityId", "Name", "ProductId", "ResaleAuthorizationId", "ReleaseDate", "AvailabilityEndDate",
          "BuyerAccounts", "State", "Targeting", "LastModifiedDate", "OfferSetId"),
      EntityType.RESALE_AUTHORIZATION, Set.of("EntityId", "Name", "ProductId", "CreatedDate", "AvailabilityEndDate",
          "ManufacturerAccountId", "ProductName", "ManufacturerLegalName", "ResellerAccountID", "ResellerLegalName", "Status",
          "OfferExtendedStatus", "LastModifiedDate"),
      EntityType.SAAS_PRODUCT, Set.of("EntityId", "ProductTitle", "Visibility", "LastModifiedDate"));

  private final CatalogEntities entities;
  private final EntityDocuments documents;
  private final Clock clock;
  private final PublicOffers publicOffers;

  EntityListing(CatalogEntities entities, EntityDocuments documents, Clock clock, PublicOffers publicOffers) {
    this.publicOffers = publicOffers;
    this.entities = entities;
    this.documents = documents;
    this.clock = clock;
  }

  ObjectNode list(Account caller, JsonNode request) {
    ChangeSetService.checkCatalog(request.path("Catalog"));
    String typeName = ChangeSetService.optText(request, "EntityType");
    EntityType type = EntityType.ofBareName(typeName == null ? "" : typeName)
        .orElseThrow(() -> AwsServiceException.validation("EntityType " + typeName + " is not supported; use SaaSProduct, Offer or ResaleAuthorization."));
    String ownership = ChangeSetService.optText(request, "OwnershipType");
    if (ownership != null && !ownership.equals("SELF") && !ownership.equals("SHARED")) {
      throw AwsServiceException.validation("OwnershipType must be SELF or SHARED.");
    }
    int maxResults = request.hasNonNull("MaxResults") ? request.get("MaxResults").asInt() : 20;
    if (maxResults < 1 || maxResults > 50) {
      throw AwsServiceException.validation("MaxResults must be from 1 to 50.");
    }
    int offset = offset(ChangeSetService.optText(request, "NextToken"));

    List<Map<String, Object>> rows = new ArrayList<>();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (CatalogEntity e : entities.visibleTo(caller.id().value(), type, "SHARED".equals(ownership))) {
      rows.add(fields(e, today));
    }
    if (type == EntityType.OFFER && !"SHARED".equals(ownership)
        && request.path("EntityTypeFilters").path("OfferFilters").has("Targeting")) {
      // Public offers are listed only to a seller asking by targeting (AWS lists them always): OfferDesk's
      // imports and sweeps, which list private offers, see the same listing as before.
      publicOffers.of(caller.id().value()).forEach(o -> rows.add(fields(o, today)));
    }
    Predicate<Map<String, Object>> filter = filters(type, request);
    Comparator<Map<String, Object>> order = order(type, request);
    List<Map<String, Object>> matching = rows.stream().filter(filter).sorted(order).toList();

    ObjectNode response = F.objectNode();
    ArrayNode list = response.putArray("EntitySummaryList");
    int end = Math.min(matching.size(), offset + maxResults);
    for (int i = offset; i < end; i++) {
      list.add(summary(type, matching.get(i)));
    }
    if (end < matching.size()) {
      response.put("NextToken", Base64.getUrlEncoder().encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)));
    }
    return response;
  }

  private static int offset(String token) {
    if (token == null) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith("offset:")) {
        return Integer.parseInt(decoded.substring("offset:".length()));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw AwsServiceException.validation("NextToken is not valid.");
  }

  private Map<String, Object> fields(CatalogEntity e, LocalDate today) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("_entity", e);
    f.put("EntityId", e.id());
    f.put("LastModifiedDate", e.lastModified());
    if (e instanceof Offer o) {
      f.put("Name", o.name);
      f.put("ProductId", o.productId());
      f.put("ResaleAuthorizationId", o.resaleAuthorizationId);
      f.put("ReleaseDate", o.releaseDate);
      f.put("AvailabilityEndDate", endOfDay(o.availabilityEndDate));
      f.put("BuyerAccounts", List.copyOf(o.buyerAccounts));
      f.put("State", o.state().name());
      f.put("Targeting", o.targeting());
      f.put("OfferSetId", o.offerSetId);
    } else if (e instanceof ResaleAuthorization ra) {
      f.put("Name", ra.name);
      f.put("ProductId", ra.productId());
      f.put("ProductName", entities.find(ra.productId(), SaaSProduct.class).map(SaaSProduct::title).orElse(null));
      f.put("CreatedDate", ra.createdDate);
      f.put("AvailabilityEndDate", endOfDay(ra.availabilityEndDate));
      f.put("ManufacturerAccountId", ra.ownerAccountId());
      f.put("ManufacturerLegalName", documents.accountName(ra.ownerAccountId()));
      f.put("ResellerAccountID", ra.resellerAccountId());
      f.put("ResellerLegalName", documents.accountName(ra.resellerAccountId()));
      f.put("Status", ra.status().name());
      f.put("OfferExtendedStatus", ra.offerExtendedStatus());
    } else if (e instanceof SaaSProduct p) {
      f.put("Name", p.title());
      f.put("ProductTitle", p.title());
      f.put("Visibility", p.visibility().name());
    }
    return f;
  }

  private static Instant endOfDay(LocalDate date) {
    return date == null ? null : date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
  }

  private Predicate<Map<String, Object>> filters(EntityType type, JsonNode request) {
    List<Predicate<Map<String, Object>>> all = new ArrayList<>();
    JsonNode typeFilters = request.get("EntityTypeFilters");
    if (typeFilters != null && !typeFilters.isNull()) {
      String expected = type.bareName() + "Filters";
      Iterator<String> names = typeFilters.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!name.equals(expected)) {
          throw AwsServiceException.validation("EntityTypeFilters." + name + " does not apply to entity type " + type.bareName() + ".");
        }
      }
      JsonNode filters = typeFilters.path(expected);
      Iterator<Map.Entry<String, JsonNode>> fields = filters.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> filter = fields.next();
        if (!FILTERS.get(type).contains(filter.getKey())) {
          throw AwsServiceException.validation(expected + "." + filter.getKey() + " is not a known filter.");
        }
        all.add(filter(filter.getKey(), filter.getValue()));
      }
    }
    JsonNode legacy = request.get("FilterList");
    if (legacy != null && legacy.isArray()) {
      for (JsonNode filter : legacy) {
        String name = filter.path("Name").asText();
        if (!FILTERS.get(type).contains(name) && !name.equals("Name")) {
          throw AwsServiceException.validation("FilterList: " + name + " is not a filter of " + type.bareName() + ".");
        }
        all.add(filter(name, filter));
      }
    }
    return row -> all.stream().allMatch(p -> p.test(row));
  }

  private static Predicate<Map<String, Object>> filter(String field, JsonNode spec) {
    List<Predicate<Map<String, Object>>> parts = new ArrayList<>();
    if (spec.has("ValueList")) {
      List<String> values = new ArrayList<>();
      spec.get("ValueList").forEach(v -> values.add(v.asText()));
      parts.add(row -> {
        Object value = row.get(field);
        if (value instanceof List<?> list) {
          return list.stream().anyMatch(v -> values.contains(String.valueOf(v)));
        }
        return value != null && values.contains(String.valueOf(value instanceof Instant i ? EntityDocuments.seconds(i) : value));
      });
    }
    if (spec.has("WildCardValue")) {
      String needle = spec.get("WildCardValue").asText().replace("*", "").toLowerCase(Locale.ROOT);
      parts.add(row -> {
        Object value = row.get(field);
        if (value instanceof List<?> list) {
          return list.stream().anyMatch(v -> String.valueOf(v).toLowerCase(Locale.ROOT).contains(needle));
        }
        return value != null && value.toString().toLowerCase(Locale.ROOT).contains(needle);
      });
    }
    if (spec.has("DateRange")) {
      Instant after = instant(spec.get("DateRange"), "AfterValue");
      Instant before = instant(spec.get("DateRange"), "BeforeValue");
      parts.add(row -> row.get(field) instanceof Instant value
          && (after == null || !value.isBefore(after)) && (before == null || !value.isAfter(before)));
    }
    if (parts.isEmpty()) {
      throw AwsServiceException.validation("Filter " + field + " needs a ValueList, WildCardValue or DateRange.");
    }
    return row -> parts.stream().allMatch(p -> p.test(row));
  }

  private static Instant instant(JsonNode range, String field) {
    if (!range.hasNonNull(field)) {
      return null;
    }
    try {
      return Instant.parse(range.get(field).asText());
    } catch (DateTimeParseException e) {
      throw AwsServiceException.validation("DateRange." + field + " must be a time such as 2023-01-01T00:00:00Z.");
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Map<String, Object>> order(EntityType type, JsonNode request) {
    JsonNode sort = request.path("EntityTypeSort").path(type.bareName() + "Sort");
    if (sort.isMissingNode()) {
      sort = request.path("Sort");
    }
    String by = sort.path("SortBy").asText("LastModifiedDate");
    String direction = sort.path("SortOrder").asText("DESCENDING");
    if (!FILTERS.get(type).contains(by) && !by.equals("Name")) {
      throw AwsServiceException.validation("SortBy " + by + " is not supported for " + type.bareName() + ".");
    }
    if (!direction.equals("ASCENDING") && !direction.equals("DESCENDING")) {
      throw AwsServiceException.validation("SortOrder must be ASCENDING or DESCENDING.");
    }
    Comparator<Map<String, Object>> byField = Comparator.comparing(
        row -> row.get(by) instanceof Comparable c && !(row.get(by) instanceof List) ? (Comparable) c : (Comparable) String.valueOf(row.get(by)),
        Comparator.nullsLast(Comparator.naturalOrder()));
    if (direction.equals("DESCENDING")) {
      byField = byField.reversed();
    }
    return byField.thenComparing(row -> (String) row.get("EntityId"));
  }

  private ObjectNode summary(EntityType type, Map<String, Object> f) {
    CatalogEntity e = (CatalogEntity) f.get("_entity");
    ObjectNode s = F.objectNode();
    s.put("Name", (String) f.get("Name"));
    s.put("EntityType", type.bareName());
    s.put("EntityId", e.id());
    s.put("EntityArn", documents.arn(e));
    s.put("LastModifiedDate", EntityDocuments.seconds(e.lastModified()));
    if (e instanceof Offer o) {
      ObjectNode summary = s.putObject("OfferSummary");
      summary.put("Name", o.name);
      summary.put("ProductId", o.productId());
      summary.put("ResaleAuthorizationId", o.resaleAuthorizationId);
      summary.put("ReleaseDate", EntityDocuments.seconds(o.releaseDate));
      summary.put("AvailabilityEndDate", EntityDocuments.seconds(endOfDay(o.availabilityEndDate)));
      ArrayNode buyers = summary.putArray("BuyerAccounts");
      o.buyerAccounts.forEach(buyers::add);
      summary.put("State", o.state().name());
      ArrayNode targeting = summary.putArray("Targeting");
      o.targeting().forEach(targeting::add);
      summary.put("OfferSetId", o.offerSetId);
    } else if (e instanceof ResaleAuthorization) {
      ObjectNode summary = s.putObject("ResaleAuthorizationSummary");
      for (String key : List.of("Name", "ProductId", "ProductName", "ManufacturerAccountId", "ManufacturerLegalName",
          "ResellerAccountID", "ResellerLegalName", "Status", "OfferExtendedStatus")) {
        summary.put(key, (String) f.get(key));
      }
      summary.put("CreatedDate", EntityDocuments.seconds((Instant) f.get("CreatedDate")));
      summary.put("AvailabilityEndDate", EntityDocuments.seconds((Instant) f.get("AvailabilityEndDate")));
    } else if (e instanceof SaaSProduct p) {
      s.put("Visibility", p.visibility().name());
      ObjectNode summary = s.putObject("SaaSProductSummary");
      summary.put("ProductTitle", p.title());
      summary.put("Visibility", p.visibility().name());
    }
    return s;
  }
}
